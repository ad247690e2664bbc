import test from 'ava';
import { defaultObject, validateObject } from '../../../../src/kube/apiserver/admission/index.ts';
import type { FieldError } from '../../../../src/kube/apiserver/field-error.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';
import { context } from './context.ts';

const service = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default' },
  spec,
});

function admit(obj: KubeObject): FieldError[] {
  defaultObject(obj, context());
  return validateObject(obj, context());
}

const cases: { name: string; spec: Record<string, unknown>; errors: FieldError[] }[] = [
  { name: 'a valid service', spec: { selector: { app: 'web' }, ports: [{ port: 80 }] }, errors: [] },
  { name: 'a headless service without ports', spec: { clusterIP: 'None', selector: { app: 'web' } }, errors: [] },
  { name: 'an ExternalName service', spec: { type: 'ExternalName', externalName: 'db.example.com' }, errors: [] },
  {
    name: 'no ports',
    spec: { selector: { app: 'web' } },
    errors: [{ reason: 'FieldValueRequired', field: 'spec.ports', message: 'Required value' }],
  },
  {
    name: 'unnamed and duplicate port names',
    spec: { ports: [{ port: 80 }, { name: 'a', port: 81 }, { name: 'a', port: 82 }] },
    errors: [
      { reason: 'FieldValueRequired', field: 'spec.ports[0].name', message: 'Required value' },
      { reason: 'FieldValueDuplicate', field: 'spec.ports[2].name', message: 'Duplicate value: "a"' },
    ],
  },
  {
    name: 'an unknown type',
    spec: { type: 'Internal', ports: [{ port: 80 }] },
    errors: [
      {
        reason: 'FieldValueNotSupported',
        field: 'spec.type',
        message:
          'Unsupported value: "Internal": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      },
    ],
  },
  {
    name: 'a port out of range',
    spec: { ports: [{ port: 0, targetPort: 8080 }] },
    errors: [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.ports[0].port',
        message: 'Invalid value: 0: must be between 1 and 65535, inclusive',
      },
    ],
  },
  {
    name: 'a nodePort on a ClusterIP service',
    spec: { ports: [{ port: 80, nodePort: 30080 }] },
    errors: [
      {
        reason: 'FieldValueForbidden',
        field: 'spec.ports[0].nodePort',
        message: "Forbidden: may not be used when `type` is 'ClusterIP'",
      },
    ],
  },
];

for (const { name, spec, errors } of cases) {
  test(`service: ${name}`, (t) => {
    t.deepEqual(admit(service(spec)), errors);
  });
}

test('service: the cluster IP may not change once set', (t) => {
  const old = service({ ports: [{ port: 80 }] });
  defaultObject(old, context());
  const update = service({ clusterIP: '10.96.0.99', clusterIPs: ['10.96.0.99'], ports: [{ port: 80 }] });
  defaultObject(update, context({ operation: 'UPDATE', old }));
  t.deepEqual(validateObject(update, context({ operation: 'UPDATE', old })), [
    {
      reason: 'FieldValueInvalid',
      field: 'spec.clusterIPs[0]',
      message: 'Invalid value: []string{"10.96.0.99"}: may not change once set',
    },
  ]);
});
