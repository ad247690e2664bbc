import { jsonEqual } from '../../json/json-equal.ts';
import type { KubeObject } from '../../kube/object.ts';

type FieldSet = { [key: string]: FieldSet };

/**
 * Removes from `target` (in place) the fields that these managers own according to `source`'s managedFields
 * (`source` may be another version of the same object: the live one). FieldsV1 (sigs.k8s.io/structured-merge-diff)
 * keys are `f:<field>`, `k:<json of key fields>` (an associative-list element), `v:<json value>` (a set element) and
 * `i:<index>`; `.` marks ownership of the container itself. Leaves go; a container goes only once nothing but its
 * key fields is left in it, so other managers' fields inside it survive (as util/argo/managedfields keeps them).
 */
export function removeOwnedFields(source: KubeObject, managers: string[], target: unknown): void {
  for (const entry of source.metadata.managedFields ?? []) {
    if (managers.includes(entry.manager)) prune(target, entry.fieldsV1 as FieldSet);
  }
}

function prune(value: unknown, fields: FieldSet): void {
  const doomedIndexes = new Set<number>();
  for (const [key, children] of Object.entries(fields)) {
    if (key === '.') continue;
    const kind = key.slice(0, 2);
    const rest = key.slice(2);
    if (kind === 'f:') {
      if (!isRecord(value) || !(rest in value)) continue;
      if (!isLeaf(children)) prune(value[rest], children);
      if (isLeaf(children) || (owned(children) && isEmpty(value[rest], {}))) delete value[rest];
      continue;
    }
    if (!Array.isArray(value)) continue;
    const wanted = kind === 'i:' ? undefined : parse(rest);
    value.forEach((element, i) => {
      const hit =
        kind === 'i:'
          ? i === Number(rest)
          : kind === 'v:'
            ? jsonEqual(element, wanted)
            : kind === 'k:' &&
              isRecord(wanted) &&
              isRecord(element) &&
              Object.entries(wanted).every(([k, v]) => jsonEqual(element[k], v));
      if (!hit) return;
      if (!isLeaf(children)) prune(element, children);
      const keyFields = kind === 'k:' && isRecord(wanted) ? wanted : {};
      if (isLeaf(children) || (owned(children) && isEmpty(element, keyFields))) doomedIndexes.add(i);
    });
  }
  if (Array.isArray(value)) {
    for (const i of [...doomedIndexes].sort((a, b) => b - a)) value.splice(i, 1);
  }
}

function isLeaf(fields: FieldSet): boolean {
  return Object.keys(fields).every((k) => k === '.');
}

function owned(fields: FieldSet): boolean {
  return '.' in fields;
}

/** Nothing left but the list element's own key fields. */
function isEmpty(value: unknown, keyFields: Record<string, unknown>): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (!isRecord(value)) return false;
  return Object.keys(value).every((k) => k in keyFields);
}

function parse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
