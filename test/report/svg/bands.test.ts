import test from 'ava';
import { stateBands } from '../../../src/report/svg/bands.ts';
import type { TimelineComponent, TimelineEvent } from '../../../src/timeline/event.ts';

const T0 = Date.UTC(2026, 0, 1);
const ev = (s: number, component: TimelineComponent, type: string, subject: string, data: Record<string, unknown>) =>
  ({ at: T0 + s * 1000, component, type, subject, message: type, data }) satisfies TimelineEvent;

const summary = (events: TimelineEvent[], end = 100) =>
  stateBands(events, T0 + end * 1000).map((b) => [
    b.subject,
    b.kind,
    b.state,
    b.tone,
    (b.from - T0) / 1000,
    (b.to - T0) / 1000,
  ]);

test('node NotReady is a red interval from the False condition to Ready again, one row per node', (t) => {
  const bands = summary([
    ev(0, 'node', 'ready', 'worker-1', { status: 'True' }),
    ev(10, 'node', 'ready', 'worker-2', { status: 'False' }),
    ev(50, 'node', 'ready', 'worker-2', { status: 'Unknown' }),
    ev(60, 'node', 'ready', 'worker-2', { status: 'True' }),
    ev(90, 'node', 'ready', 'worker-1', { status: 'False' }),
  ]);
  t.deepEqual(bands, [
    ['worker-2', 'ready', 'NotReady', 'bad', 10, 50],
    ['worker-2', 'ready', 'NotReady (Unknown)', 'bad', 50, 60],
    ['worker-1', 'ready', 'NotReady', 'bad', 90, 100],
  ]);
});

test('application health and sync are intervals that last until the next change or the end; repeats do not split them', (t) => {
  const app = 'argocd/app';
  const bands = summary(
    [
      ev(1, 'application', 'health', app, { status: 'Progressing' }),
      ev(2, 'application', 'sync-status', app, { status: 'OutOfSync' }),
      ev(3, 'application', 'health', app, { status: 'Progressing' }),
      ev(4, 'application', 'sync-status', app, { status: 'Synced' }),
      ev(5, 'application', 'health', app, { status: 'Degraded' }),
      ev(8, 'application', 'health', app, { status: 'Healthy' }),
    ],
    10,
  );
  t.deepEqual(bands, [
    [app, 'health', 'Progressing', 'info', 1, 5],
    [app, 'sync', 'OutOfSync', 'warn', 2, 4],
    [app, 'sync', 'Synced', 'good', 4, 10],
    [app, 'health', 'Degraded', 'bad', 5, 8],
    [app, 'health', 'Healthy', 'good', 8, 10],
  ]);
});

test('probe failures, zero endpoints, rollouts and failed pods; events out of order are sorted first', (t) => {
  const bands = summary(
    [
      ev(7, 'probe', 'recovered', 'dev/web', { failures: 3 }),
      ev(4, 'probe', 'failure', 'dev/web', { reason: 'timeout' }),
      ev(5, 'probe', 'failure', 'dev/web', { reason: 'timeout' }),
      ev(4, 'service', 'endpoints', 'dev/web', { ready: 0, notReady: 2 }),
      ev(6, 'service', 'endpoints', 'dev/web', { ready: 1, notReady: 1 }),
      ev(1, 'deployment', 'rollout', 'dev/web', { replicas: 2, updated: 1, available: 2, unavailable: 0 }),
      ev(3, 'deployment', 'rollout', 'dev/web', { replicas: 2, updated: 2, available: 2, unavailable: 0 }),
      ev(2, 'pod', 'failed', 'dev/web-1', { reason: 'ImagePullBackOff' }),
      ev(9, 'pod', 'deleted', 'dev/web-1', { node: 'worker-1' }),
    ],
    10,
  );
  t.deepEqual(bands, [
    ['dev/web', 'rollout', 'rolling out', 'info', 1, 3],
    ['dev/web-1', 'failed', 'ImagePullBackOff', 'bad', 2, 9],
    ['dev/web', 'failing', 'failing', 'bad', 4, 7],
    ['dev/web', 'endpoints', 'no ready endpoints', 'bad', 4, 6],
  ]);
});
