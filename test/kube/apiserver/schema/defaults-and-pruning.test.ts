import test from 'ava';
import { applySchemaDefaults, pruneUnknownFields } from '../../../../src/kube/apiserver/schema/index.ts';
import type { Schema } from '../../../../src/kube/apiserver/schema/schema.ts';

const schema: Schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      default: {},
      properties: {
        replicas: { type: 'integer', default: 1 },
        mode: { type: 'string', default: 'auto' },
        note: { type: 'string', nullable: true, default: 'n' },
        plain: { type: 'string' },
        ports: {
          type: 'array',
          items: {
            type: 'object',
            properties: { port: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' } },
          },
        },
        labels: {
          type: 'object',
          additionalProperties: { type: 'object', properties: { on: { type: 'boolean', default: true } } },
        },
        free: {
          type: 'object',
          'x-kubernetes-preserve-unknown-fields': true,
          properties: { known: { type: 'object', properties: {} } },
        },
        template: {
          type: 'object',
          'x-kubernetes-embedded-resource': true,
          properties: { spec: { type: 'object', properties: {} } },
        },
      },
    },
  },
};

const defaulting: [string, Record<string, unknown>, Record<string, unknown>][] = [
  [
    'an absent object takes its default, then defaults inside it',
    {},
    { spec: { replicas: 1, mode: 'auto', note: 'n' } },
  ],
  [
    'present values stay',
    { spec: { replicas: 3, mode: 'manual', note: 'x' } },
    { spec: { replicas: 3, mode: 'manual', note: 'x' } },
  ],
  [
    'null of a non-nullable field is defaulted',
    { spec: { replicas: null } },
    { spec: { replicas: 1, mode: 'auto', note: 'n' } },
  ],
  ['null of a nullable field stays', { spec: { note: null } }, { spec: { replicas: 1, mode: 'auto', note: null } }],
  ['null without a default is dropped', { spec: { plain: null } }, { spec: { replicas: 1, mode: 'auto', note: 'n' } }],
  [
    'list items and map values are defaulted',
    { spec: { ports: [{ port: 80 }], labels: { a: {} } } },
    {
      spec: {
        replicas: 1,
        mode: 'auto',
        note: 'n',
        ports: [{ port: 80, protocol: 'TCP' }],
        labels: { a: { on: true } },
      },
    },
  ],
];

for (const [title, input, expected] of defaulting) {
  test(`defaulting: ${title}`, (t) => {
    const value = structuredClone(input);
    applySchemaDefaults(value, schema);
    t.deepEqual(value, expected);
  });
}

test('defaults are copies, not shared', (t) => {
  const first: Record<string, unknown> = {};
  const second: Record<string, unknown> = {};
  applySchemaDefaults(first, schema);
  applySchemaDefaults(second, schema);
  t.not(first['spec'], second['spec']);
});

const pruning: [string, Record<string, unknown>, Record<string, unknown>, string[]][] = [
  ['unknown fields go', { spec: { replicas: 1, bogus: 1 }, top: 2 }, { spec: { replicas: 1 } }, ['spec.bogus', 'top']],
  [
    'inside lists and maps',
    { spec: { ports: [{ port: 1, x: 1 }], labels: { a: { on: true, y: 2 } } } },
    { spec: { ports: [{ port: 1 }], labels: { a: { on: true } } } },
    ['spec.ports[0].x', 'spec.labels[a].y'],
  ],
  [
    'preserve-unknown-fields keeps unknowns but prunes known children',
    { spec: { free: { anything: 1, known: { drop: 1 } } } },
    { spec: { free: { anything: 1, known: {} } } },
    ['spec.free.known.drop'],
  ],
  [
    'embedded resources keep type meta and prune metadata to ObjectMeta',
    { spec: { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', bogus: 1 }, spec: {}, status: {} } } },
    { spec: { template: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} } } },
    ['spec.template.metadata.bogus', 'spec.template.status'],
  ],
];

for (const [title, input, expected, paths] of pruning) {
  test(`pruning: ${title}`, (t) => {
    const value = structuredClone(input);
    t.deepEqual(pruneUnknownFields(value, schema), paths);
    t.deepEqual(value, expected);
  });
}
