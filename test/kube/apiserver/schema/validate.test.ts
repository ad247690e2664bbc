import test from 'ava';
import { SchemaRegistry, validateAgainstSchema } from '../../../../src/kube/apiserver/schema/index.ts';
import type { Schema } from '../../../../src/kube/apiserver/schema/schema.ts';
import { builtinType, cronTabSchema, cronTabType } from './helpers.ts';

const deploymentSchema = SchemaRegistry.builtin().schemaFor(builtinType('Deployment'))!;

function deployment(spec: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' }, creationTimestamp: null },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
      ...spec,
    },
  };
}

test('a valid Deployment passes, with int-or-string and quantities in both forms', (t) => {
  const result = validateAgainstSchema(
    deployment({
      replicas: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        spec: {
          containers: [
            {
              name: 'web',
              image: 'nginx',
              resources: { limits: { cpu: 0.5, memory: '128Mi' } },
              ports: [{ containerPort: 80 }],
            },
          ],
        },
      },
    }),
    deploymentSchema,
  );
  t.deepEqual(result, { errors: [], unknownFields: [] });
});

test('type errors read like the API server', (t) => {
  const { errors } = validateAgainstSchema(deployment({ paused: 1, replicas: 'three' }), deploymentSchema);
  t.deepEqual(errors, [
    {
      reason: 'FieldValueTypeInvalid',
      field: 'spec.paused',
      message: 'Invalid value: "integer": spec.paused in body must be of type boolean: "integer"',
    },
    {
      reason: 'FieldValueTypeInvalid',
      field: 'spec.replicas',
      message: 'Invalid value: "string": spec.replicas in body must be of type integer: "string"',
    },
  ]);
});

test('unknown fields are reported apart as dotted paths', (t) => {
  const object = deployment({ template: { spec: { containers: [{ name: 'web', imagee: 'nginx' }] } }, foo: 1 });
  const { errors, unknownFields } = validateAgainstSchema(object, deploymentSchema);
  t.deepEqual(errors, []);
  t.deepEqual(unknownFields, ['spec.template.spec.containers[0].imagee', 'spec.foo']);
});

test('required fields of built-in specs are enforced', (t) => {
  const { errors } = validateAgainstSchema(
    deployment({ template: { spec: { containers: [{ image: 'nginx' }] } } }),
    deploymentSchema,
  );
  t.deepEqual(errors, [
    { reason: 'FieldValueRequired', field: 'spec.template.spec.containers[0].name', message: 'Required value' },
  ]);
});

const rules: Schema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 2, maxLength: 5, pattern: '^[a-z]+$' },
    size: { type: 'string', enum: ['small', 'large'] },
    count: { type: 'integer', minimum: 1, maximum: 3 },
    ratio: { type: 'number', exclusiveMaximum: true, maximum: 1 },
    tags: { type: 'array', maxItems: 2, minItems: 1, items: { type: 'string' } },
    port: { 'x-kubernetes-int-or-string': true },
    note: { type: 'string', nullable: true },
    set: { type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } },
    free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    labels: { type: 'object', additionalProperties: { type: 'string' }, maxProperties: 1 },
    either: {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      oneOf: [{ required: ['a'] }, { required: ['b'] }],
    },
    when: { type: 'string', format: 'date-time' },
  },
};

const cases: [string, Record<string, unknown>, { field: string; reason: string; message: string }[]][] = [
  ['missing required', {}, [{ field: 'name', reason: 'FieldValueRequired', message: 'Required value' }]],
  [
    'enum',
    { name: 'ab', size: 'huge' },
    [
      {
        field: 'size',
        reason: 'FieldValueNotSupported',
        message: 'Unsupported value: "huge": supported values: "small", "large"',
      },
    ],
  ],
  [
    'too long',
    { name: 'abcdefg' },
    [{ field: 'name', reason: 'FieldValueTooLong', message: 'Too long: may not be more than 5 bytes' }],
  ],
  [
    'too short and pattern',
    { name: 'A' },
    [
      {
        field: 'name',
        reason: 'FieldValueInvalid',
        message: 'Invalid value: "A": name in body should be at least 2 chars long',
      },
      {
        field: 'name',
        reason: 'FieldValueInvalid',
        message: `Invalid value: "A": name in body should match '^[a-z]+$'`,
      },
    ],
  ],
  [
    'maximum',
    { name: 'ab', count: 4 },
    [
      {
        field: 'count',
        reason: 'FieldValueInvalid',
        message: 'Invalid value: 4: count in body should be less than or equal to 3',
      },
    ],
  ],
  [
    'exclusive maximum',
    { name: 'ab', ratio: 1 },
    [{ field: 'ratio', reason: 'FieldValueInvalid', message: 'Invalid value: 1: ratio in body should be less than 1' }],
  ],
  [
    'integer vs number',
    { name: 'ab', count: 1.5 },
    [
      {
        field: 'count',
        reason: 'FieldValueTypeInvalid',
        message: 'Invalid value: "number": count in body must be of type integer: "number"',
      },
    ],
  ],
  [
    'max items',
    { name: 'ab', tags: ['a', 'b', 'c'] },
    [{ field: 'tags', reason: 'FieldValueTooMany', message: 'Too many: 3: must have at most 2 items' }],
  ],
  [
    'min items',
    { name: 'ab', tags: [] },
    [
      {
        field: 'tags',
        reason: 'FieldValueInvalid',
        message: 'Invalid value: []: tags in body should have at least 1 items',
      },
    ],
  ],
  [
    'int-or-string',
    { name: 'ab', port: true },
    [
      {
        field: 'port',
        reason: 'FieldValueTypeInvalid',
        message: 'Invalid value: "boolean": port in body must be of type integer,string: "boolean"',
      },
    ],
  ],
  ['int-or-string accepts both', { name: 'ab', port: 'http' }, []],
  ['nullable and null-as-absent', { name: 'ab', note: null, count: null }, []],
  ['preserve-unknown-fields', { name: 'ab', free: { anything: { at: ['all'] } } }, []],
  [
    'set duplicates',
    { name: 'ab', set: ['x', 'x'] },
    [{ field: 'set[1]', reason: 'FieldValueDuplicate', message: 'Duplicate value: "x"' }],
  ],
  [
    'additionalProperties',
    { name: 'ab', labels: { a: 'x', b: 2 } },
    [
      { field: 'labels', reason: 'FieldValueTooMany', message: 'Too many: 2: must have at most 1 items' },
      {
        field: 'labels[b]',
        reason: 'FieldValueTypeInvalid',
        message: 'Invalid value: "integer": labels[b] in body must be of type string: "integer"',
      },
    ],
  ],
  [
    'oneOf',
    { name: 'ab', either: { a: 'x', b: 'y' } },
    [
      {
        field: 'either',
        reason: 'FieldValueInvalid',
        message: 'Invalid value: {"a":"x","b":"y"}: either in body must validate one and only one schema (oneOf)',
      },
    ],
  ],
  [
    'date-time',
    { name: 'ab', when: 'yesterday' },
    [
      {
        field: 'when',
        reason: 'FieldValueTypeInvalid',
        message: 'Invalid value: "yesterday": when in body must be of type date-time: "yesterday"',
      },
    ],
  ],
];

for (const [title, value, expected] of cases) {
  test(`validation: ${title}`, (t) => {
    const { errors } = validateAgainstSchema(value, rules, { uniqueListEntries: true });
    t.deepEqual(errors, expected);
  });
}

test('the path option prefixes every field', (t) => {
  const { errors } = validateAgainstSchema({}, rules, { path: 'spec' });
  t.deepEqual(
    errors.map((error) => error.field),
    ['spec.name'],
  );
});

test('embedded resources need apiVersion and kind and have ObjectMeta metadata', (t) => {
  const schema: Schema = {
    type: 'object',
    properties: {
      template: {
        type: 'object',
        'x-kubernetes-embedded-resource': true,
        'x-kubernetes-preserve-unknown-fields': true,
      },
      strict: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object' } } },
    },
  };
  const { errors, unknownFields } = validateAgainstSchema(
    {
      template: { kind: 'Pod', metadata: { name: 1 } },
      strict: { apiVersion: 'v1', kind: 'Pod', metadata: { nam: 'x' }, extra: 1 },
    },
    schema,
  );
  t.deepEqual(
    errors.map((error) => [error.field, error.reason]),
    [
      ['template.apiVersion', 'FieldValueRequired'],
      ['template.metadata.name', 'FieldValueTypeInvalid'],
    ],
  );
  t.deepEqual(unknownFields, ['strict.metadata.nam', 'strict.extra']);
});

test('custom resource roots enforce list-map uniqueness by default', (t) => {
  const registry = SchemaRegistry.builtin();
  registry.registerCustomResource(cronTabType, {
    ...cronTabSchema,
    properties: {
      ...cronTabSchema.properties,
      items: {
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        items: { type: 'object', properties: { name: { type: 'string' } } },
      },
    },
  });
  const schema = registry.schemaFor(cronTabType)!;
  const { errors } = validateAgainstSchema(
    {
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'a' },
      items: [{ name: 'x' }, { name: 'x' }],
    },
    schema,
  );
  t.deepEqual(errors, [{ reason: 'FieldValueDuplicate', field: 'items[1]', message: 'Duplicate value: {"name":"x"}' }]);
  // built-in lists (env, ports) tolerate duplicates, as the API server does
  const env = [
    { name: 'A', value: '1' },
    { name: 'A', value: '2' },
  ];
  t.deepEqual(
    validateAgainstSchema(deployment({ template: { spec: { containers: [{ name: 'web', env }] } } }), deploymentSchema)
      .errors,
    [],
  );
});
