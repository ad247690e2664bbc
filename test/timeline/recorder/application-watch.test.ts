import { readFile } from 'node:fs/promises';
import test from 'ava';
import { expect } from '../../../src/timeline/expect.ts';
import {
  appDegraded,
  appHealthy,
  appOutOfSync,
  appProgressing,
  appSynced,
  operationFailed,
  operationSucceeded,
} from '../../../src/timeline/matchers.ts';
import { startRecorder } from '../../../src/timeline/recorder/recorder.ts';
import { startTestCluster } from '../../support/kubectl.ts';

const crd = new URL('../../../sandbox/reconciler/01-application-crd.yaml', import.meta.url);

test.serial(
  'Application status written through the API is recorded, even when the CRD comes after the recorder',
  async (t) => {
    await using cluster = await startTestCluster({ speed: 10 });
    const clock = cluster.server.context.clock;
    const errors: unknown[] = [];
    await using recorder = await startRecorder({
      kubeconfigPath: cluster.kubeconfig,
      clock,
      onError: (error) => errors.push(error),
    });
    t.true(errors.length > 0, 'the Application kind is not served yet, and the recorder said so');
    const { timeline } = recorder;
    const kubectl = async (args: string[], input?: string) => {
      const result = await cluster.kubectl(args, input !== undefined ? { input } : {});
      t.is(result.exitCode, 0, result.stderr);
    };
    await kubectl(['apply', '-f', '-'], await readFile(crd, 'utf8'));
    await kubectl(['create', 'namespace', 'argocd']);
    await kubectl(
      ['apply', '-f', '-'],
      `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: web, namespace: argocd}
spec:
  project: default
  source: {repoURL: http://git.example/apps.git, targetRevision: main, path: web}
  destination: {server: https://kubernetes.default.svc, namespace: web}
`,
    );
    // The status a reconciler writes in turn: OutOfSync, a sync operation, Synced and Progressing, Healthy; then a
    // failed sync of a new revision that leaves the app Degraded. The same status twice is no new event.
    const statuses = [
      { sync: { status: 'OutOfSync', revision: 'aaaaaaa1' }, health: { status: 'Missing' } },
      {
        sync: { status: 'OutOfSync', revision: 'aaaaaaa1' },
        health: { status: 'Missing' },
        operationState: { phase: 'Running', startedAt: '2026-01-01T00:00:01Z' },
      },
      {
        sync: { status: 'Synced', revision: 'aaaaaaa1' },
        health: { status: 'Progressing' },
        operationState: { phase: 'Succeeded', startedAt: '2026-01-01T00:00:01Z', syncResult: { revision: 'aaaaaaa1' } },
      },
      {
        sync: { status: 'Synced', revision: 'aaaaaaa1' },
        health: { status: 'Progressing' },
        operationState: { phase: 'Succeeded', startedAt: '2026-01-01T00:00:01Z', syncResult: { revision: 'aaaaaaa1' } },
      },
      {
        sync: { status: 'Synced', revision: 'aaaaaaa1' },
        health: { status: 'Healthy' },
        operationState: { phase: 'Succeeded', startedAt: '2026-01-01T00:00:01Z', syncResult: { revision: 'aaaaaaa1' } },
      },
      {
        sync: { status: 'OutOfSync', revision: 'bbbbbbb2' },
        health: { status: 'Degraded', message: 'Deployment web exceeded its progress deadline' },
        operationState: {
          phase: 'Failed',
          startedAt: '2026-01-01T00:00:09Z',
          message: 'one or more objects failed to apply',
          syncResult: { revision: 'bbbbbbb2' },
        },
      },
    ];
    for (const status of statuses) {
      await kubectl(['patch', 'application', 'web', '-n', 'argocd', '--type=merge', '-p', JSON.stringify({ status })]);
    }
    const failed = await timeline.waitFor(operationFailed('web'), { timeout: '1m' });
    t.deepEqual(failed.data, { phase: 'Failed', revision: 'bbbbbbb2', message: 'one or more objects failed to apply' });
    const sequence = expect(timeline).sequence(
      appOutOfSync('web'),
      appSynced('web'),
      appProgressing('web'),
      appHealthy('web'),
      appOutOfSync('web'),
      appDegraded('web'),
    );
    t.true(sequence.check().passed, sequence.check().message);
    t.deepEqual(
      timeline.events({ component: 'application' }).map((e) => `${e.type} ${e.message}`),
      [
        'sync-status OutOfSync at aaaaaaa',
        'health Missing',
        'operation Running',
        'sync-status Synced at aaaaaaa',
        'health Progressing',
        'operation Succeeded at aaaaaaa',
        'health Healthy',
        'sync-status OutOfSync at bbbbbbb',
        'health Degraded: Deployment web exceeded its progress deadline',
        'operation Failed at bbbbbbb: one or more objects failed to apply',
      ],
    );
    t.is(timeline.events(operationSucceeded('web')).length, 1);
  },
);
