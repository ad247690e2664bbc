export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON type name kube-openapi reports in type errors: "string", "integer", "number", "object", … */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** A value as Kubernetes quotes it inside a field error: strings quoted, everything else as JSON. */
export function formatValue(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
