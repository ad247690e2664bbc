import { buildBuiltinDefinitions, type Definitions } from './builtin-definitions.ts';
import { wellKnown } from './definition-names.ts';
import { Dereferencer } from './dereference.ts';
import type { Schema } from './schema.ts';

export interface BuiltinSchemas {
  definitions: Definitions;
  dereferencer: Dereferencer;
  /** Milliseconds it took to build the definitions (reported by benchmarks). */
  buildMillis: number;
}

let cached: BuiltinSchemas | undefined;

/**
 * The built-in definitions, built once per process and shared by every registry. Shared means read-only: callers
 * must not mutate the returned schemas.
 */
export function builtinSchemas(): BuiltinSchemas {
  if (cached) return cached;
  const started = performance.now();
  const definitions = buildBuiltinDefinitions();
  const buildMillis = performance.now() - started;
  cached = { definitions, dereferencer: new Dereferencer((name) => definitions.get(name)), buildMillis };
  return cached;
}

/** meta/v1 ObjectMeta, dereferenced: what embedded resources' and custom resources' `metadata` must match. */
export function objectMetaSchema(): Schema {
  return builtinSchemas().dereferencer.definition(wellKnown.objectMeta)!;
}
