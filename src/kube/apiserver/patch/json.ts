import type { Json, JsonObject } from '../../object.ts';

/** Plain-JSON helpers for the patch algorithms; every algorithm treats its inputs as immutable. */

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function cloneJson<T extends Json>(value: T): T {
  return structuredClone(value);
}

/** Short, single-line rendering of a value for error messages. */
export function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** JSON-pointer-ish location for error messages: ["spec","containers"] → ".spec.containers". */
export function describePath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '<root>';
  return path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('');
}

export { jsonEqual } from '../../../json/json-equal.ts';
