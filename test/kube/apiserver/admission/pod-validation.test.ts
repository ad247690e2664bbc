import test from 'ava';
import { defaultObject, validateObject } from '../../../../src/kube/apiserver/admission/index.ts';
import type { FieldError } from '../../../../src/kube/apiserver/field-error.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';
import { context } from './context.ts';

const pod = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'default' },
  spec,
});

/** Defaults first, as the server does, then validation. */
function admit(obj: KubeObject): FieldError[] {
  defaultObject(obj, context());
  return validateObject(obj, context());
}

const cases: { name: string; spec: Record<string, unknown>; errors: FieldError[] }[] = [
  { name: 'a valid pod', spec: { containers: [{ name: 'c', image: 'app:1' }] }, errors: [] },
  {
    name: 'no containers',
    spec: { containers: [] },
    errors: [{ reason: 'FieldValueRequired', field: 'spec.containers', message: 'Required value' }],
  },
  {
    name: 'duplicate container names and a missing image',
    spec: { initContainers: [{ name: 'c', image: 'init:1' }], containers: [{ name: 'c' }] },
    errors: [
      { reason: 'FieldValueDuplicate', field: 'spec.containers[0].name', message: 'Duplicate value: "c"' },
      { reason: 'FieldValueRequired', field: 'spec.containers[0].image', message: 'Required value' },
    ],
  },
  {
    name: 'ports out of range and a bad protocol',
    spec: {
      containers: [
        { name: 'c', image: 'a', ports: [{ containerPort: 70000 }, { containerPort: 80, protocol: 'HTTP' }] },
      ],
    },
    errors: [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.containers[0].ports[0].containerPort',
        message: 'Invalid value: 70000: must be between 1 and 65535, inclusive',
      },
      {
        reason: 'FieldValueNotSupported',
        field: 'spec.containers[0].ports[1].protocol',
        message: 'Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      },
    ],
  },
  {
    name: 'an unknown restart policy',
    spec: { restartPolicy: 'Sometimes', containers: [{ name: 'c', image: 'a' }] },
    errors: [
      {
        reason: 'FieldValueNotSupported',
        field: 'spec.restartPolicy',
        message: 'Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
      },
    ],
  },
  {
    name: 'requests above limits',
    spec: { containers: [{ name: 'c', image: 'a', resources: { requests: { cpu: '1' }, limits: { cpu: '500m' } } }] },
    errors: [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.containers[0].resources.requests[cpu]',
        message: 'Invalid value: "1": must be less than or equal to cpu limit of 500m',
      },
    ],
  },
  {
    name: 'a mount of a missing volume',
    spec: { containers: [{ name: 'c', image: 'a', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] },
    errors: [
      { reason: 'FieldValueNotFound', field: 'spec.containers[0].volumeMounts[0].name', message: 'Not found: "data"' },
    ],
  },
  {
    name: 'a container name that is not a DNS label',
    spec: { containers: [{ name: 'My_App', image: 'a' }] },
    errors: [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.containers[0].name',
        message:
          "Invalid value: \"My_App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      },
    ],
  },
];

for (const { name, spec, errors } of cases) {
  test(`pod: ${name}`, (t) => {
    t.deepEqual(admit(pod({ ...spec, automountServiceAccountToken: false })), errors);
  });
}

test('pod update: images, deadlines and added tolerations may change, nothing else', (t) => {
  const old = pod({ containers: [{ name: 'c', image: 'app:1' }] });
  defaultObject(old, context());
  const update = structuredClone(old);
  const spec = update['spec'] as {
    containers: { image: string }[];
    tolerations: unknown[];
    activeDeadlineSeconds?: number;
  };
  spec.containers[0]!.image = 'app:2';
  spec.tolerations.push({ key: 'x', operator: 'Exists' });
  spec.activeDeadlineSeconds = 60;
  t.deepEqual(validateObject(update, context({ operation: 'UPDATE', old })), []);

  const restart = structuredClone(old);
  (restart['spec'] as Record<string, unknown>)['restartPolicy'] = 'Never';
  t.deepEqual(validateObject(restart, context({ operation: 'UPDATE', old })), [
    {
      reason: 'FieldValueForbidden',
      field: 'spec',
      message:
        'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    },
  ]);

  const removed = structuredClone(old);
  (removed['spec'] as Record<string, unknown>)['tolerations'] = [];
  t.deepEqual(validateObject(removed, context({ operation: 'UPDATE', old })), [
    {
      reason: 'FieldValueForbidden',
      field: 'spec.tolerations[0]',
      message: 'Forbidden: existing toleration can not be modified except its tolerationSeconds',
    },
    {
      reason: 'FieldValueForbidden',
      field: 'spec.tolerations[1]',
      message: 'Forbidden: existing toleration can not be modified except its tolerationSeconds',
    },
  ]);
});
