import test from 'ava';
import { defaultObject, validateObject } from '../../../../src/kube/apiserver/admission/index.ts';
import type { FieldError } from '../../../../src/kube/apiserver/field-error.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';
import { context } from './context.ts';

const deployment = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'app:1' }] } },
    ...spec,
  },
});

function admit(obj: KubeObject, options: { operation?: 'CREATE' | 'UPDATE'; old?: KubeObject } = {}): FieldError[] {
  defaultObject(obj, context(options));
  return validateObject(obj, context(options));
}

const cases: { name: string; obj: KubeObject; errors: FieldError[] }[] = [
  { name: 'a valid Deployment', obj: deployment({}), errors: [] },
  {
    name: 'a selector that does not match the template',
    obj: deployment({ selector: { matchLabels: { app: 'api' } } }),
    errors: [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.template.metadata.labels',
        message: 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      },
    ],
  },
  {
    name: 'no selector',
    obj: deployment({ selector: undefined }),
    errors: [{ reason: 'FieldValueRequired', field: 'spec.selector', message: 'Required value' }],
  },
  {
    name: 'an empty selector',
    obj: deployment({ selector: {} }),
    errors: [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.selector',
        message:
          'Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      },
    ],
  },
  {
    name: 'negative replicas',
    obj: deployment({ replicas: -1 }),
    errors: [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.replicas',
        message: 'Invalid value: -1: must be greater than or equal to 0',
      },
    ],
  },
  {
    name: 'a template that does not restart Always',
    obj: deployment({
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'a' }] },
      },
    }),
    errors: [
      {
        reason: 'FieldValueNotSupported',
        field: 'spec.template.spec.restartPolicy',
        message: 'Unsupported value: "Never": supported values: "Always"',
      },
    ],
  },
  {
    name: 'maxSurge and maxUnavailable both 0',
    obj: deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } }),
    errors: [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.strategy.rollingUpdate.maxUnavailable',
        message: 'Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
      },
    ],
  },
  {
    name: 'a bad matchExpressions operator',
    obj: deployment({ selector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] } }),
    errors: [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.selector.matchExpressions[0].operator',
        message: 'Invalid value: "Equals": not a valid selector operator',
      },
    ],
  },
  {
    name: 'a Job whose template restarts Always',
    obj: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j', namespace: 'default', uid: 'u' },
      spec: { template: { spec: { containers: [{ name: 'c', image: 'a' }] } } },
    },
    errors: [
      {
        reason: 'FieldValueRequired',
        field: 'spec.template.spec.restartPolicy',
        message: 'Required value: valid values: "OnFailure", "Never"',
      },
    ],
  },
  {
    name: 'a CronJob with a bad schedule and a long name',
    obj: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c'.repeat(53), namespace: 'default' },
      spec: {
        schedule: '61 * * * *',
        jobTemplate: {
          spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'a' }] } } },
        },
      },
    },
    errors: [
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.name',
        message: `Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters`,
      },
      {
        reason: 'FieldValueInvalid',
        field: 'spec.schedule',
        message: 'Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
      },
    ],
  },
];

for (const { name, obj, errors } of cases) {
  test(`workloads: ${name}`, (t) => {
    t.deepEqual(admit(obj), errors);
  });
}

test('workloads: the selector is immutable on update', (t) => {
  const old = deployment({});
  defaultObject(old, context());
  const update = deployment({
    selector: { matchLabels: { app: 'web', tier: 'x' } },
    template: { metadata: { labels: { app: 'web', tier: 'x' } }, spec: { containers: [{ name: 'c', image: 'a' }] } },
  });
  t.deepEqual(admit(update, { operation: 'UPDATE', old }), [
    {
      reason: 'FieldValueInvalid',
      field: 'spec.selector',
      message:
        'Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    },
  ]);
});

test('workloads: a Job template cannot change', (t) => {
  const job: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j', namespace: 'default', uid: 'u' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'a' }] } } },
  };
  defaultObject(job, context());
  t.deepEqual(validateObject(job, context()), []);
  const update = structuredClone(job);
  const template = (update['spec'] as { template: { spec: { containers: { image: string }[] } } }).template;
  template.spec.containers[0]!.image = 'b';
  const errors = validateObject(update, context({ operation: 'UPDATE', old: job }));
  t.is(errors.length, 1);
  t.is(errors[0]?.field, 'spec.template');
  t.regex(errors[0]?.message ?? '', /: field is immutable$/);
});

test('workloads: a StatefulSet only changes the allowed fields', (t) => {
  const sts: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default' },
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'a' }] } },
    },
  };
  defaultObject(sts, context());
  const scaled = structuredClone(sts);
  (scaled['spec'] as Record<string, unknown>)['replicas'] = 3;
  t.deepEqual(validateObject(scaled, context({ operation: 'UPDATE', old: sts })), []);
  const renamed = structuredClone(sts);
  (renamed['spec'] as Record<string, unknown>)['serviceName'] = 'other';
  t.deepEqual(
    validateObject(renamed, context({ operation: 'UPDATE', old: sts })).map((e) => e.field),
    ['spec'],
  );
});
