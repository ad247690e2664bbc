import { stringify } from 'yaml';
import { AppCliError } from './errors.ts';

export type OutputFormat = 'wide' | 'json' | 'yaml';

/** Validates -o like argocd ("unknown output format: x"), naming the formats this verb has. */
export function outputFormat<T extends string>(value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new AppCliError('BadInput', `unknown output format: ${value} (use one of ${allowed.join('|')})`);
}

/**
 * argocd's PrintResource: indented JSON, or YAML with keys sorted (it marshals through JSON with ghodss/yaml).
 */
export function printable(value: unknown, format: 'json' | 'yaml'): string {
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  return stringify(value, { sortMapEntries: true, lineWidth: 0 });
}
