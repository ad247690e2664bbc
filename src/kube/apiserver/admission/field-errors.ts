import { formatGoValue, goQuote } from '../../labels/go-value.ts';
import type { FieldError } from '../field-error.ts';

/**
 * Builders for FieldErrors worded like apimachinery `util/validation/field/errors.go` (`ErrorBody`), so a 422 from
 * the sandbox reads like one from kube-apiserver.
 */

export function required(field: string, detail = ''): FieldError {
  return { reason: 'FieldValueRequired', field, message: withDetail('Required value', detail) };
}

export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { reason: 'FieldValueInvalid', field, message: withDetail(`Invalid value: ${formatGoValue(value)}`, detail) };
}

export function notSupported(field: string, value: unknown, valid: readonly string[]): FieldError {
  const detail = valid.length > 0 ? `supported values: ${valid.map(goQuote).join(', ')}` : '';
  return {
    reason: 'FieldValueNotSupported',
    field,
    message: withDetail(`Unsupported value: ${formatGoValue(value)}`, detail),
  };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { reason: 'FieldValueDuplicate', field, message: `Duplicate value: ${formatGoValue(value)}` };
}

export function forbidden(field: string, detail: string): FieldError {
  return { reason: 'FieldValueForbidden', field, message: withDetail('Forbidden', detail) };
}

export function tooLong(field: string, maxBytes: number): FieldError {
  return {
    reason: 'FieldValueTooLong',
    field,
    message: `Too long: may not be more than ${maxBytes} ${maxBytes === 1 ? 'byte' : 'bytes'}`,
  };
}

export function tooMany(field: string, actual: number, max: number): FieldError {
  return { reason: 'FieldValueTooMany', field, message: `Too many: ${actual}: must have at most ${max} items` };
}

/** ValidateImmutableField. */
export function immutable(field: string, value: unknown): FieldError {
  return invalid(field, value, 'field is immutable');
}

/** ValidateNonnegativeField. */
export function nonNegative(field: string, value: unknown): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalid(field, value, 'must be greater than or equal to 0')] : [];
}

function withDetail(body: string, detail: string): string {
  return detail ? `${body}: ${detail}` : body;
}

/** Field path helpers: child('spec', 'template') → "spec.template"; index('spec.ports', 0) → "spec.ports[0]". */
export const child = (path: string, ...names: string[]) => [path, ...names].filter(Boolean).join('.');
export const index = (path: string, i: number) => `${path}[${i}]`;
export const key = (path: string, k: string) => `${path}[${k}]`;
