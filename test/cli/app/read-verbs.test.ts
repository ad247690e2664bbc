import test from 'ava';
import { runGet } from '../../../src/cli/commands/app/get.ts';
import { runHistory } from '../../../src/cli/commands/app/history.ts';
import { runList } from '../../../src/cli/commands/app/list.ts';
import { guestbook, startCluster } from './helpers.ts';

test("get prints argocd's summary block, conditions and resources byte for byte", async (t) => {
  const { client, ctx, stdout } = await startCluster(t);
  const app = guestbook();
  app.status!.sync!.status = 'OutOfSync';
  app.status!.resources![1]!.status = 'OutOfSync';
  app.status!.health = { status: 'Progressing', message: 'Waiting for rollout' };
  app.status!.conditions = [
    { type: 'SyncError', message: 'Failed last sync attempt', lastTransitionTime: '2026-01-01T00:02:00Z' },
  ];
  app.spec.syncPolicy = { automated: { prune: true } };
  await client.create(app);
  t.is(await runGet(ctx, 'guestbook', { output: 'wide' }), 0);
  t.is(
    stdout.text,
    [
      'Name:               argocd/guestbook',
      'Project:            default',
      'Server:             https://kubernetes.default.svc',
      'Namespace:          default',
      'Source:',
      '- Repo:             http://git.local/demo/guestbook.git',
      '  Target:           main',
      '  Path:             guestbook',
      'SyncWindow:         Sync Allowed',
      'Sync Policy:        Automated (Prune)',
      'Sync Status:        OutOfSync from main (4f1c2a9)',
      'Health Status:      Progressing (Waiting for rollout)',
      '',
      'CONDITION  MESSAGE                   LAST TRANSITION',
      'SyncError  Failed last sync attempt  2026-01-01 00:02:00 +0000 UTC',
      '',
      '',
      'GROUP  KIND        NAMESPACE  NAME          STATUS     HEALTH   HOOK  MESSAGE',
      '       Service     default    guestbook-ui  OutOfSync  Healthy        ',
      'apps   Deployment  default    guestbook-ui  Synced     Healthy        ',
      '',
    ].join('\n'),
  );
});

test('get --show-operation adds the operation; results come first in the resource table', async (t) => {
  const { client, ctx, stdout } = await startCluster(t);
  const app = guestbook();
  app.status!.operationState = {
    operation: { sync: { revision: 'main' } },
    phase: 'Succeeded',
    message: 'successfully synced (all tasks run)',
    startedAt: '2026-01-01T00:01:00Z',
    finishedAt: '2026-01-01T00:02:05Z',
    syncResult: {
      revision: '4f1c2a9e0b7d3c5e6f8a9b0c1d2e3f4a5b6c7d8e',
      resources: [
        {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          namespace: 'default',
          name: 'guestbook-ui',
          status: 'Synced',
          message: 'deployment.apps/guestbook-ui configured',
        },
        {
          group: 'batch',
          version: 'v1',
          kind: 'Job',
          namespace: 'default',
          name: 'migrate',
          status: 'Synced',
          hookType: 'PreSync',
          hookPhase: 'Succeeded',
          message: 'job completed',
        },
      ],
    },
  };
  await client.create(app);
  await runGet(ctx, 'guestbook', { output: 'wide', showOperation: true });
  const [, operation, resources] = stdout.text.split('\n\n');
  t.is(
    operation,
    [
      'Operation:          Sync',
      'Sync Revision:      4f1c2a9e0b7d3c5e6f8a9b0c1d2e3f4a5b6c7d8e',
      'Phase:              Succeeded',
      'Start:              2026-01-01 00:01:00 +0000 UTC',
      'Finished:           2026-01-01 00:02:05 +0000 UTC',
      'Duration:           1m5s',
      'Message:            successfully synced (all tasks run)',
    ].join('\n'),
  );
  t.is(
    resources,
    [
      'GROUP  KIND        NAMESPACE  NAME          STATUS     HEALTH   HOOK     MESSAGE',
      'apps   Deployment  default    guestbook-ui  Synced     Healthy           deployment.apps/guestbook-ui configured',
      'batch  Job         default    migrate       Succeeded  Synced   PreSync  job completed',
      '       Service     default    guestbook-ui  Synced     Healthy           ',
      '',
    ].join('\n'),
  );
});

test('list prints the wide table argocd prints by default, and -o name', async (t) => {
  const { client, ctx, stdout } = await startCluster(t);
  await client.create(guestbook());
  const other = guestbook({ metadata: { name: 'api', namespace: 'argocd' } });
  other.spec.syncPolicy = { automated: {} };
  other.status = {
    conditions: [
      { type: 'ComparisonError', message: 'x' },
      { type: 'ComparisonError', message: 'y' },
    ],
  };
  await client.create(other);
  await runList(ctx, { output: 'wide' });
  t.is(
    stdout.text,
    [
      'NAME              CLUSTER                         NAMESPACE  PROJECT  STATUS  HEALTH   SYNCPOLICY  CONDITIONS          REPO                                 PATH       TARGET',
      'argocd/api        https://kubernetes.default.svc  default    default                   Auto        ComparisonError(2)  http://git.local/demo/guestbook.git  guestbook  main',
      'argocd/guestbook  https://kubernetes.default.svc  default    default  Synced  Healthy  Manual      <none>              http://git.local/demo/guestbook.git  guestbook  main',
      '',
    ].join('\n'),
  );
  stdout.text = '';
  await runList(ctx, { output: 'name' });
  t.is(stdout.text, 'argocd/api\nargocd/guestbook\n');
});

test('history prints SOURCE then ID DATE REVISION with the short sha', async (t) => {
  const { client, ctx, stdout } = await startCluster(t);
  await client.create(guestbook());
  await runHistory(ctx, 'guestbook', { output: 'wide' });
  t.is(
    stdout.text,
    [
      'SOURCE  http://git.local/demo/guestbook.git',
      'ID      DATE                           REVISION',
      '0       2026-01-01 00:00:05 +0000 UTC  main (0a1b2c3)',
      '1       2026-01-01 00:01:05 +0000 UTC  main (4f1c2a9)',
      '',
    ].join('\n'),
  );
});

test('an unknown app is named with its namespace and how to find the right one', async (t) => {
  const { ctx } = await startCluster(t);
  const error = await t.throwsAsync(runGet(ctx, 'nope', { output: 'wide' }));
  t.regex(error!.message, /^application nope not found in namespace argocd; list them with `gitops-sandbox app list`/);
});
