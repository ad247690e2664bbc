/**
 * JSON equality and canonical text, as JSON itself sees values: object key order does not matter and keys whose
 * value is undefined are absent. One implementation for the API server (patches, schemas, admission), the
 * controllers ("write only when something changed") and the reconciler.
 */

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a).filter((k) => a[k] !== undefined);
    const otherCount = Object.keys(b).filter((k) => b[k] !== undefined).length;
    return keys.length === otherCount && keys.every((k) => jsonEqual(a[k], b[k]));
  }
  return false;
}

/** JSON text with object keys sorted: stable input for hashes and cache keys. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
