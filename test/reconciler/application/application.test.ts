import test from 'ava';
import {
  ApplicationSpecError,
  parseDuration,
  retryAllowed,
  retryDelay,
  selfHealDelay,
  unsupportedFieldsMessage,
  validateApplicationSpec,
} from '../../../src/reconciler/application/index.ts';
import { parseSyncOptions, SyncPlanError } from '../../../src/reconciler/sync/plan/index.ts';

test('validateApplicationSpec lists unsupported fields by path', (t) => {
  const supported = {
    spec: {
      project: 'default',
      source: {
        repoURL: 'r',
        targetRevision: 'HEAD',
        path: 'p',
        helm: { valueFiles: ['v.yaml'], parameters: [{ name: 'a', value: 'b' }], valuesObject: { x: { y: 1 } } },
      },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=true'],
        retry: { limit: 2, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } },
      },
      ignoreDifferences: [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }],
      revisionHistoryLimit: 3,
      info: [{ name: 'owner', value: 'me' }],
    },
  };
  t.deepEqual(validateApplicationSpec(supported), []);
  const unsupported = {
    spec: {
      project: 'default',
      destination: { server: 's' },
      sources: [
        { repoURL: 'r', ref: 'values' },
        { repoURL: 'r', plugin: { name: 'x' }, helm: { fileParameters: [] } },
      ],
      syncPolicy: { syncOptions: [], automated: { prune: true, selfHeal: true, foo: 1 } },
      sourceHydrator: {},
    },
  };
  const fields = validateApplicationSpec(unsupported);
  t.deepEqual(fields, [
    'spec.sources[1].plugin',
    'spec.sources[1].helm.fileParameters',
    'spec.syncPolicy.automated.foo',
    'spec.sourceHydrator',
  ]);
  t.regex(unsupportedFieldsMessage(fields), /does not support spec\.sources\[1\]\.plugin, .*remove them/);
});

test('retry delays as NextRetryAt (defaults 5s/2/3m; bare numbers are seconds)', (t) => {
  t.deepEqual(
    [0, 1, 2, 3, 4, 5, 6].map((n) => retryDelay(undefined, n) / 1000),
    [5, 10, 20, 40, 80, 160, 180],
  );
  t.deepEqual(
    [0, 1, 2].map((n) => retryDelay({ backoff: { duration: '10', factor: 3, maxDuration: '1m' } }, n) / 1000),
    [10, 30, 60],
  );
  t.is(retryDelay({ backoff: { duration: '1m30s' } }, 0), 90_000);
  t.is(retryDelay({ backoff: { duration: '1s', maxDuration: '0' } }, 20), 2 ** 20 * 1000, 'maxDuration 0 = no cap');
  t.true(retryAllowed({ limit: 2 }, 1));
  t.false(retryAllowed({ limit: 2 }, 2));
  t.true(retryAllowed({ limit: -1 }, 1000));
  t.false(retryAllowed(undefined, 0));
  const cases: [string, number][] = [
    ['5s', 5000],
    ['3m', 180_000],
    ['1h', 3_600_000],
    ['1.5s', 1500],
    ['300ms', 300],
    ['2', 2000],
    ['0', 0],
  ];
  for (const [text, ms] of cases) t.is(parseDuration(text), ms, text);
  for (const bad of ['', '5 s', '5x', 's', '1d'])
    t.throws(() => parseDuration(bad), { instanceOf: ApplicationSpecError }, bad);
});

test('self-heal back-off: 0, 2, 6, 18, 54, 162, then 300 s', (t) => {
  t.deepEqual(
    [0, 1, 2, 3, 4, 5, 6, 7, 20].map((n) => selfHealDelay(n) / 1000),
    [0, 2, 6, 18, 54, 162, 300, 300, 300],
  );
});

test('app sync options: defaults, values, unknown and invalid entries', (t) => {
  t.like(parseSyncOptions([]), {
    validate: true,
    prunePropagationPolicy: 'foreground',
    prune: 'true',
    createNamespace: false,
  });
  t.like(
    parseSyncOptions([
      'CreateNamespace=true',
      'Validate=false',
      'PrunePropagationPolicy=background',
      'Prune=confirm',
      'Delete=false',
      'ServerSideApply=true',
      'PruneLast=true',
      'ApplyOutOfSyncOnly=true',
      'Replace=true',
      'RespectIgnoreDifferences=true',
      'SkipDryRunOnMissingResource=true',
      'FailOnSharedResource=true',
    ]),
    {
      createNamespace: true,
      validate: false,
      prunePropagationPolicy: 'background',
      prune: 'confirm',
      delete: 'false',
      serverSideApply: true,
      pruneLast: true,
      applyOutOfSyncOnly: true,
      replace: true,
      respectIgnoreDifferences: true,
      skipDryRunOnMissingResource: true,
      failOnSharedResource: true,
    },
  );
  const unknown = t.throws(() => parseSyncOptions(['createNamespace=true', 'Foo=bar']), { instanceOf: SyncPlanError });
  t.is(unknown?.code, 'SYNC_OPTION_UNKNOWN');
  t.regex(unknown?.message ?? '', /"createNamespace=true" \(did you mean CreateNamespace\?\), "Foo=bar"/);
  const invalid = t.throws(() => parseSyncOptions(['Prune=yes', 'Validate']), { instanceOf: SyncPlanError });
  t.is(invalid?.code, 'SYNC_OPTION_INVALID');
  t.regex(
    invalid?.message ?? '',
    /"Prune=yes" \(expected Prune=true\|false\|confirm\), "Validate" \(expected Validate=true or Validate=false\)/,
  );
});
