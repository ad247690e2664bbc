import { wellKnown } from './definition-names.ts';
import { refName } from './ref.ts';
import type { Schema } from './schema.ts';

type Rendered = Record<string, unknown>;

function mapChildren(schema: Schema, render: (child: Schema) => Rendered): Rendered {
  const out: Rendered = { ...schema };
  if (schema.properties) {
    out['properties'] = Object.fromEntries(
      Object.entries(schema.properties).map(([key, value]) => [key, render(value)]),
    );
  }
  if (typeof schema.additionalProperties === 'object')
    out['additionalProperties'] = render(schema.additionalProperties);
  if (schema.items) out['items'] = render(schema.items);
  if (schema.not) out['not'] = render(schema.not);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (list) out[key] = list.map(render);
  }
  return out;
}

/** OpenAPI v3 as Kubernetes serves it: a `$ref` with siblings is wrapped in `allOf` (3.0 ignores `$ref` siblings). */
export function renderV3(schema: Schema): Rendered {
  if (schema.$ref !== undefined && Object.keys(schema).length > 1) {
    const { $ref, ...siblings } = schema;
    return { ...mapChildren(siblings, renderV3), allOf: [{ $ref }] };
  }
  return mapChildren(schema, renderV3);
}

/**
 * Swagger 2.0: refs point at `#/definitions/`, siblings stay beside `$ref` (as Kubernetes' v2 does), and what 2.0
 * cannot say is narrowed: int-or-string and Quantity become strings with a format, `nullable` and `oneOf` go.
 */
export function renderV2(schema: Schema): Rendered {
  const wrapped = schema.allOf?.length === 1 && schema.allOf[0]?.$ref ? schema.allOf[0].$ref : undefined;
  const { nullable: _nullable, oneOf: _oneOf, anyOf: _anyOf, not: _not, ...rest } = schema;
  const source: Schema = wrapped ? { ...rest, $ref: wrapped } : rest;
  if (wrapped) delete source.allOf;
  const out = mapChildren(source, renderV2);
  const name = refName(source);
  if (name !== undefined) out['$ref'] = `#/definitions/${name}`;
  if (schema['x-kubernetes-int-or-string']) Object.assign(out, { type: 'string', format: 'int-or-string' });
  return out;
}

/** The v2 form of the definitions whose v3 form has no 2.0 equivalent. */
export function renderV2Definition(name: string, schema: Schema): Rendered {
  if (name === wellKnown.quantity) return { type: 'string', format: 'quantity' };
  return renderV2(schema);
}
