import type { ScenarioResult } from '../../../src/scenario/result.ts';
import type { TimelineComponent, TimelineEvent } from '../../../src/timeline/event.ts';
import { START } from './image-bump.ts';

const ev = (s: number, component: TimelineComponent, type: string, subject: string, message: string, data = {}) =>
  ({ at: START + s * 1000, component, type, subject, message, data }) satisfies TimelineEvent;

/** A node stops; its pods are evicted after the grace period and come back on the other node. Minutes long. */
export function nodeFailureResult(): ScenarioResult {
  const timeline: TimelineEvent[] = [
    ev(0, 'scenario', 'action', 'node-failure', 'stop node worker-2', { action: 'stop-node', node: 'worker-2' }),
    ev(40, 'node', 'ready', 'worker-2', 'Ready=Unknown', { status: 'Unknown' }),
    ev(40, 'pod', 'not-ready', 'dev/web-a', 'not ready on worker-2', { node: 'worker-2', reason: 'NodeNotReady' }),
    ev(41, 'service', 'endpoints', 'dev/web', '1 ready, 1 not ready', { ready: 1, notReady: 1 }),
    ev(45, 'node', 'taints', 'worker-2', 'node.kubernetes.io/unreachable:NoExecute', {
      taints: ['node.kubernetes.io/unreachable:NoExecute'],
    }),
    ev(52, 'probe', 'failure', 'dev/web', 'timeout', { service: 'dev/web', reason: 'timeout' }),
    ev(53, 'service', 'endpoints', 'dev/web', '0 ready, 2 not ready', { ready: 0, notReady: 2 }),
    ev(60, 'application', 'health', 'argocd/web', 'Degraded', { status: 'Degraded' }),
    ev(340, 'pod', 'terminating', 'dev/web-a', 'evicted from worker-2', { node: 'worker-2' }),
    ev(341, 'pod', 'created', 'dev/web-c', 'created', { images: ['web:1'] }),
    ev(341.5, 'pod', 'scheduled', 'dev/web-c', 'scheduled on worker-1', { node: 'worker-1' }),
    ev(344, 'pod', 'ready', 'dev/web-c', 'ready on worker-1', { node: 'worker-1', images: ['web:1'] }),
    ev(344.2, 'service', 'endpoints', 'dev/web', '1 ready, 1 not ready', { ready: 1, notReady: 1 }),
    ev(345, 'probe', 'recovered', 'dev/web', 'recovered after 29 failures', { service: 'dev/web', failures: 29 }),
    ev(350, 'application', 'health', 'argocd/web', 'Healthy', { status: 'Healthy' }),
    ev(360, 'node', 'ready', 'worker-2', 'Ready', { status: 'True' }),
  ];
  return {
    name: 'node-failure',
    title: 'Node failure: pods move to the healthy node',
    passed: false,
    startedAt: START,
    endedAt: START + 370_000,
    wallMs: 4100,
    provider: 'embedded',
    speed: 60,
    seed: 7,
    steps: [{ name: 'stop node worker-2', at: START, passed: true }],
    expectations: [
      {
        description: 'service dev/web has at least one ready endpoint throughout',
        passed: false,
        message: 'no ready endpoint from +53.0s to +344.2s',
        at: START + 344_200,
        slice: timeline.filter((e) => e.component === 'service'),
      },
    ],
    timeline,
  };
}
