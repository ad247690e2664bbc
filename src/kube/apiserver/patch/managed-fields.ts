import type { ManagedFieldsEntry } from '../../object.ts';
import { PatchError } from './errors.ts';
import { FieldSet } from './field-set.ts';
import { isJsonObject } from './json.ts';

/** One managedFields entry with its field set decoded. */
export interface Manager {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
}

/**
 * The identity of an entry, as the API server's field manager builds it: manager, operation and subresource, plus
 * the apiVersion for Update entries (an applier keeps one entry whatever version it applies with).
 */
export function managerId(entry: Pick<Manager, 'manager' | 'operation' | 'apiVersion' | 'subresource'>): string {
  const version = entry.operation === 'Update' ? entry.apiVersion : '';
  return JSON.stringify([entry.manager, entry.operation, version, entry.subresource ?? '']);
}

/** Never owned by anyone: identity and bookkeeping fields (apiserver fieldmanager's stripSet). */
export const STRIPPED_FIELDS = FieldSet.fromPaths([
  ['f:apiVersion'],
  ['f:kind'],
  ['f:metadata'],
  ...[
    'name',
    'namespace',
    'creationTimestamp',
    'selfLink',
    'uid',
    'clusterName',
    'generation',
    'managedFields',
    'resourceVersion',
  ].map((field) => ['f:metadata', `f:${field}`]),
]);

export function decodeManagedFields(entries: readonly unknown[] | undefined): Map<string, Manager> {
  const managers = new Map<string, Manager>();
  for (const [index, raw] of (entries ?? []).entries()) {
    const where = `metadata.managedFields[${index}]`;
    if (
      !isJsonObject(raw) ||
      typeof raw.manager !== 'string' ||
      (raw.operation !== 'Apply' && raw.operation !== 'Update')
    ) {
      throw new PatchError(`${where} must have a manager and an operation of Apply or Update`);
    }
    if (raw.fieldsType !== undefined && raw.fieldsType !== 'FieldsV1') {
      throw new PatchError(`${where}.fieldsType must be "FieldsV1"`);
    }
    const manager: Manager = {
      manager: raw.manager,
      operation: raw.operation,
      apiVersion: typeof raw.apiVersion === 'string' ? raw.apiVersion : '',
      set: FieldSet.fromFieldsV1(raw.fieldsV1, `${where}.fieldsV1`),
      ...(typeof raw.time === 'string' ? { time: raw.time } : {}),
      ...(typeof raw.subresource === 'string' && raw.subresource ? { subresource: raw.subresource } : {}),
    };
    const id = managerId(manager);
    const existing = managers.get(id);
    managers.set(id, existing ? { ...manager, set: existing.set.union(manager.set) } : manager);
  }
  return managers;
}

/** Entries with empty sets are dropped; order is the API server's: Apply before Update, then time, then manager. */
export function encodeManagedFields(managers: Map<string, Manager>): ManagedFieldsEntry[] {
  return [...managers.values()]
    .filter((m) => !m.set.empty)
    .sort(compareManagers)
    .map((m) => ({
      manager: m.manager,
      operation: m.operation,
      apiVersion: m.apiVersion,
      ...(m.time ? { time: m.time } : {}),
      fieldsType: 'FieldsV1' as const,
      fieldsV1: m.set.toFieldsV1(),
      ...(m.subresource ? { subresource: m.subresource } : {}),
    }));
}

function compareManagers(a: Manager, b: Manager): number {
  return (
    compareStrings(a.operation, b.operation) ||
    seconds(a.time) - seconds(b.time) ||
    compareStrings(a.manager, b.manager) ||
    compareStrings(a.apiVersion, b.apiVersion) ||
    compareStrings(a.subresource ?? '', b.subresource ?? '')
  );
}

function seconds(time: string | undefined): number {
  const ms = time ? Date.parse(time) : Number.NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
