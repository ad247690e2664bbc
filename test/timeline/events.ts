import type { TimelineComponent, TimelineEvent } from '../../src/timeline/event.ts';

export const T0 = Date.UTC(2026, 0, 1);

/** A hand-made event `seconds` after T0. */
export function ev(
  seconds: number,
  component: TimelineComponent,
  type: string,
  subject: string,
  data: Record<string, unknown> = {},
  message = '',
): TimelineEvent {
  return { at: T0 + seconds * 1000, component, type, subject, message, data };
}

/** A small GitOps story: push, image update, sync, rollout with endpoints dipping to zero, probe failures. */
export function story(): TimelineEvent[] {
  return [
    ev(0, 'service', 'endpoints', 'web/backend', { ready: 2, notReady: 0 }),
    ev(
      0,
      'application',
      'sync-status',
      'argocd/letsgo-dev',
      { status: 'Synced', revision: 'aaaaaaa' },
      'Synced at aaaaaaa',
    ),
    ev(1, 'scenario', 'action', 'push-image', { action: 'push-image', tag: 'v2' }),
    ev(2, 'registry', 'tag', 'letsgo/backend', { repository: 'letsgo/backend', tag: 'v2', digest: 'sha256:1' }),
    ev(3, 'image-updater', 'update', 'argocd/letsgo-dev', {
      application: 'argocd/letsgo-dev',
      image: '127.0.0.1:5001/letsgo/backend',
      from: 'v1',
      to: 'v2',
    }),
    ev(3.5, 'git', 'push', 'gitops/apps', {
      repo: 'gitops/apps',
      ref: 'refs/heads/main',
      before: 'a',
      after: 'b',
      commits: [],
    }),
    ev(4, 'application', 'sync-status', 'argocd/letsgo-dev', { status: 'OutOfSync', revision: 'bbbbbbb' }),
    ev(5, 'application', 'operation', 'argocd/letsgo-dev', { phase: 'Running' }),
    ev(6, 'application', 'sync-status', 'argocd/letsgo-dev', { status: 'Synced', revision: 'bbbbbbb' }),
    ev(6, 'application', 'operation', 'argocd/letsgo-dev', { phase: 'Succeeded' }),
    ev(7, 'service', 'endpoints', 'web/backend', { ready: 0, notReady: 2 }),
    ev(7.25, 'probe', 'failure', 'web/backend', { service: 'web/backend', reason: 'no ready endpoint' }),
    ev(7.5, 'probe', 'failure', 'web/backend', { service: 'web/backend', reason: 'no ready endpoint' }),
    ev(8, 'service', 'endpoints', 'web/backend', { ready: 1, notReady: 0 }),
    ev(8.25, 'probe', 'recovered', 'web/backend', { service: 'web/backend', failures: 2 }),
    ev(9, 'deployment', 'rollout', 'web/backend', {
      replicas: 2,
      updated: 2,
      ready: 2,
      available: 2,
      unavailable: 0,
      images: ['127.0.0.1:5001/letsgo/backend:v2'],
      generation: 2,
      observedGeneration: 2,
    }),
    ev(12, 'application', 'health', 'argocd/letsgo-dev', { status: 'Healthy' }),
  ];
}
