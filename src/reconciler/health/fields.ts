import { isPlainObject } from '../../kube/object.ts';

/**
 * Readers for unstructured objects. Health checks run on live objects as the API server returns them, but a field can
 * still be absent (a status not yet written), so every read tolerates missing or mistyped values the way
 * `runtime.DefaultUnstructuredConverter` leaves Go zero values.
 */
export function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isPlainObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** An integer field, or 0 (the Go zero value) when absent. */
export function int(value: unknown, ...path: string[]): number {
  const found = field(value, ...path);
  return typeof found === 'number' ? found : 0;
}

/** An optional integer field: `undefined` where Go has a nil pointer (e.g. `spec.replicas`). */
export function optionalInt(value: unknown, ...path: string[]): number | undefined {
  const found = field(value, ...path);
  return typeof found === 'number' ? found : undefined;
}

export function str(value: unknown, ...path: string[]): string {
  const found = field(value, ...path);
  return typeof found === 'string' ? found : '';
}

export function list(value: unknown, ...path: string[]): unknown[] {
  const found = field(value, ...path);
  return Array.isArray(found) ? found : [];
}

/** The first entry of `status.conditions` with the given type. */
export function condition(obj: unknown, type: string): Record<string, unknown> | undefined {
  return list(obj, 'status', 'conditions').find(
    (c): c is Record<string, unknown> => isPlainObject(c) && c['type'] === type,
  );
}
