import { isPlainObject } from '../../object.ts';

/** Small accessors over untyped object JSON, so per-kind files stay readable without `any`. */
export type Obj = Record<string, unknown>;

/** The plain object at `obj[key]`, created (and stored) when missing. */
export function ensure(obj: Obj, key: string): Obj {
  const value = obj[key];
  if (isPlainObject(value)) return value;
  const created: Obj = {};
  obj[key] = created;
  return created;
}

/** The plain object at `obj[key]`, or undefined. */
export function objAt(obj: unknown, key: string): Obj | undefined {
  if (!isPlainObject(obj)) return undefined;
  const value = obj[key];
  return isPlainObject(value) ? value : undefined;
}

/** The plain objects of the array at `obj[key]` (other entries skipped). */
export function listAt(obj: unknown, key: string): Obj[] {
  if (!isPlainObject(obj)) return [];
  const value = obj[key];
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

export function strAt(obj: unknown, key: string): string | undefined {
  if (!isPlainObject(obj)) return undefined;
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

export function numAt(obj: unknown, key: string): number | undefined {
  if (!isPlainObject(obj)) return undefined;
  const value = obj[key];
  return typeof value === 'number' ? value : undefined;
}

/** Sets `obj[key]` only when it is absent (undefined or null), as the Go defaulters do for nil pointers. */
export function setDefault(obj: Obj, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

/** Sets `obj[key]` when it is absent or "", as the Go defaulters do for string fields. */
export function setDefaultString(obj: Obj, key: string, value: string): void {
  if (obj[key] === undefined || obj[key] === null || obj[key] === '') obj[key] = value;
}

export function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isPlainObject(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

export { jsonEqual } from '../../../json/json-equal.ts';
