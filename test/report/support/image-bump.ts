import type { ExpectationResult, RunResult, ScenarioResult } from '../../../src/scenario/result.ts';
import type { TimelineComponent, TimelineEvent } from '../../../src/timeline/event.ts';

/** Simulated start of the hand-made scenario: 2026-01-01T12:00:00Z. */
export const START = Date.UTC(2026, 0, 1, 12, 0, 0);

function at(seconds: number): number {
  return START + Math.round(seconds * 1000);
}

function ev(
  seconds: number,
  component: TimelineComponent,
  type: string,
  subject: string,
  message: string,
  data?: Record<string, unknown>,
): TimelineEvent {
  return { at: at(seconds), component, type, subject, message, ...(data ? { data } : {}) };
}

const APP = 'argocd/letsgo-dev';
const NEW = 'registry.local/letsgo:1.1.0';
const OLD = 'registry.local/letsgo:1.0.0';

/** The timeline of an image bump as the recorders would write it: push → tag → updater → git → sync → rollout. */
export function imageBumpTimeline(): TimelineEvent[] {
  return [
    ev(0, 'scenario', 'step', 'image-bump', 'step: push image 1.1.0', { name: 'push image 1.1.0' }),
    ev(0.1, 'scenario', 'action', 'image-bump', 'push image registry.local/letsgo:1.1.0', {
      action: 'push-image',
      image: NEW,
    }),
    ev(0.4, 'registry', 'tag', 'letsgo', 'tag 1.1.0 → sha256:9c1e…', {
      repository: 'letsgo',
      tag: '1.1.0',
      digest: 'sha256:9c1e0f',
    }),
    ev(2.0, 'image-updater', 'update', APP, 'letsgo 1.0.0 → 1.1.0', {
      application: APP,
      image: 'registry.local/letsgo',
      from: '1.0.0',
      to: '1.1.0',
      commit: '3f2a1c0',
    }),
    ev(2.2, 'git', 'push', 'gitops/apps', 'push main 8b1d2e4..3f2a1c0 (1 commit)', {
      repo: 'gitops/apps',
      ref: 'refs/heads/main',
      before: '8b1d2e4',
      after: '3f2a1c0',
      commits: 1,
    }),
    ev(2.3, 'git', 'webhook', 'gitops/apps', 'webhook delivered (200)', {
      repo: 'gitops/apps',
      ref: 'refs/heads/main',
      after: '3f2a1c0',
      status: 200,
    }),
    ev(2.6, 'application', 'sync-status', APP, 'OutOfSync at 3f2a1c0', { status: 'OutOfSync', revision: '3f2a1c0' }),
    ev(2.7, 'application', 'operation', APP, 'sync Running', { phase: 'Running', revision: '3f2a1c0' }),
    ev(3.0, 'application', 'health', APP, 'Progressing', { status: 'Progressing' }),
    ev(3.1, 'deployment', 'rollout', 'dev/letsgo', 'rollout 0/2 updated, 2 available', rollout(0, 2, 2)),
    ev(3.2, 'pod', 'created', 'dev/letsgo-7d9f-x2kq4', 'created', { owner: 'letsgo-7d9f', images: [NEW] }),
    ev(3.4, 'pod', 'scheduled', 'dev/letsgo-7d9f-x2kq4', 'scheduled on worker-1', { node: 'worker-1' }),
    ev(3.5, 'application', 'sync-status', APP, 'Synced at 3f2a1c0', { status: 'Synced', revision: '3f2a1c0' }),
    ev(3.6, 'application', 'operation', APP, 'sync Succeeded', { phase: 'Succeeded', revision: '3f2a1c0' }),
    ev(6.0, 'pod', 'ready', 'dev/letsgo-7d9f-x2kq4', 'ready on worker-1', { node: 'worker-1', images: [NEW] }),
    ev(6.1, 'service', 'endpoints', 'dev/letsgo', '3 ready, 0 not ready', { ready: 3, notReady: 0 }),
    ev(6.3, 'probe', 'version', 'dev/letsgo', 'answers 1.1.0', { service: 'dev/letsgo', version: '1.1.0' }),
    ev(6.5, 'pod', 'terminating', 'dev/letsgo-5c8b-q9wz1', 'terminating on worker-2', { node: 'worker-2' }),
    ev(6.8, 'probe', 'failure', 'dev/letsgo', 'connection refused', { service: 'dev/letsgo', reason: 'ECONNREFUSED' }),
    ev(7.0, 'deployment', 'rollout', 'dev/letsgo', 'rollout 2/2 updated, 2 available', rollout(2, 2, 0)),
    ev(7.2, 'probe', 'recovered', 'dev/letsgo', 'recovered after 1 failure', { service: 'dev/letsgo', failures: 1 }),
    ev(7.5, 'pod', 'deleted', 'dev/letsgo-5c8b-q9wz1', 'deleted', { node: 'worker-2' }),
    ev(9.5, 'application', 'health', APP, 'Healthy', { status: 'Healthy' }),
  ];
}

function rollout(updated: number, available: number, unavailable: number): Record<string, unknown> {
  return {
    replicas: 2,
    updated,
    ready: available,
    available,
    unavailable,
    images: updated === 2 ? [NEW] : [OLD],
    generation: 4,
    observedGeneration: 4,
  };
}

export function imageBumpExpectations(timeline: TimelineEvent[]): ExpectationResult[] {
  const pick = (...seconds: number[]) => timeline.filter((e) => seconds.includes((e.at - START) / 1000));
  return [
    {
      description: `application ${APP} Synced within 10s after push`,
      passed: true,
      message: 'Synced at +3.5s, 1.3s after the push at +2.2s',
      at: at(3.5),
      slice: pick(2.2, 3.5),
    },
    {
      description: 'probe dev/letsgo answers 1.1.0 within 60s after push',
      passed: true,
      message: 'answers 1.1.0 at +6.3s',
      at: at(6.3),
    },
    {
      description: 'probe dev/letsgo never fails during the rollout',
      passed: false,
      message: 'probe dev/letsgo failed at +6.8s: connection refused (1 failure, recovered at +7.2s)',
      at: at(7.2),
      slice: pick(6.5, 6.8, 7.0, 7.2),
    },
  ];
}

export function imageBumpResult(overrides: Partial<ScenarioResult> = {}): ScenarioResult {
  const timeline = imageBumpTimeline();
  return {
    name: 'image-bump',
    title: 'Image bump: a new tag rolls out to dev',
    passed: false,
    startedAt: START,
    endedAt: at(12),
    wallMs: 1830,
    provider: 'embedded',
    speed: 10,
    seed: 42,
    steps: [
      { name: 'push image 1.1.0', at: at(0), passed: true },
      { name: 'wait for rollout', at: at(2.2), passed: true },
    ],
    expectations: imageBumpExpectations(timeline),
    timeline,
    ...overrides,
  };
}

/** A run of the failing image bump and a small passing drift self-heal. */
export function sampleRun(): RunResult {
  const bump = imageBumpResult();
  const heal: ScenarioResult = {
    name: 'drift-self-heal',
    title: 'Drift self-heal: a manual scale is reverted',
    passed: true,
    startedAt: START,
    endedAt: at(8),
    wallMs: 950,
    provider: 'embedded',
    speed: 10,
    seed: 42,
    steps: [{ name: 'kubectl scale --replicas=5', at: at(0), passed: true }],
    expectations: [
      {
        description: `application ${APP} Synced within 5s after drift`,
        passed: true,
        message: 'Synced at +2.0s',
        at: at(2),
      },
    ],
    timeline: [
      ev(0, 'scenario', 'action', 'drift-self-heal', 'kubectl scale deployment letsgo --replicas=5', {
        action: 'kubectl',
      }),
      ev(0.5, 'application', 'sync-status', APP, 'OutOfSync at 3f2a1c0', { status: 'OutOfSync', revision: '3f2a1c0' }),
      ev(2, 'application', 'sync-status', APP, 'Synced at 3f2a1c0', { status: 'Synced', revision: '3f2a1c0' }),
    ],
  };
  return { scenarios: [bump, heal], passed: false };
}
