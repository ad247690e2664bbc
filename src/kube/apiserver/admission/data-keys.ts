import { isConfigMapKey } from '../../labels/validation.ts';
import type { KubeObject } from '../../object.ts';
import type { FieldError } from '../field-error.ts';
import { forbidden, invalid, key, tooLong } from './field-errors.ts';
import { jsonEqual } from './json.ts';

/** ConfigMaps and Secrets may hold at most 1 MiB (core.MaxSecretSize). */
export const maxDataSize = 1024 * 1024;

/** Keys of a data map must be config keys (IsConfigMapKey), reported at `data[key]`. */
export function validateDataKeys(data: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(typeof data === 'object' && data !== null ? data : {})) {
    for (const msg of isConfigMapKey(k)) errs.push(invalid(key(path, k), k, msg));
  }
  return errs;
}

export function dataSizeError(size: number, path: string): FieldError[] {
  return size > maxDataSize ? [tooLong(path, maxDataSize)] : [];
}

/** Once `immutable: true` is stored, neither the flag nor the listed fields may change. */
export function validateImmutableData(obj: KubeObject, old: KubeObject | undefined, fields: string[]): FieldError[] {
  if (old?.['immutable'] !== true) return [];
  const errs: FieldError[] = [];
  if (obj['immutable'] !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const field of fields) {
    if (!jsonEqual(obj[field], old[field])) errs.push(forbidden(field, 'field is immutable when `immutable` is set'));
  }
  return errs;
}
