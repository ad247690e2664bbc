import type { Json, JsonObject } from '../../object.ts';
import { isJsonObject } from './json.ts';

/**
 * RFC 7386 JSON merge patch (application/merge-patch+json): objects merge recursively, `null` deletes, everything
 * else (lists included) replaces. The result shares nothing with the inputs.
 */
export function applyMergePatch(original: Json, patch: Json): Json {
  return mergeInto(structuredClone(original), patch);
}

function mergeInto(target: Json, patch: Json): Json {
  if (!isJsonObject(patch)) return structuredClone(patch);
  const result: JsonObject = isJsonObject(target) ? target : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergeInto(result[key] ?? null, value);
  }
  return result;
}
