/** A JSON value as RFC 7386 sees it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * RFC 7386 JSON Merge Patch, which Argo CD applies for `.argocd-source*.yaml` (`jsonpatch.MergePatch`): objects
 * merge key by key, `null` deletes, anything else — arrays included — replaces.
 */
export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const result: { [key: string]: Json } = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = mergePatch(result[key], value);
    }
  }
  return result;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
