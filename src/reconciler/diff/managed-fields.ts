import type { KubeObject } from '../../kube/object.ts';
import { deepEqual, type Location, valueAt } from './jq-path.ts';

type FieldSet = { [key: string]: FieldSet };

/**
 * The locations of the fields that these managers own in `source`'s managedFields, found in `target` (which may be
 * another version of the same object). FieldsV1 (sigs.k8s.io/structured-merge-diff) keys are `f:<field>`,
 * `k:<json of key fields>` (an associative-list element), `v:<json value>` (a set element) and `i:<index>`; a node
 * with children other than `.` stands for its parent only as a container, so only leaves are reported — removing a
 * container would take other managers' fields with it.
 */
export function ownedLocations(source: KubeObject, managers: string[], target: unknown): Location[] {
  const locations: Location[] = [];
  for (const entry of source.metadata.managedFields ?? []) {
    if (!managers.includes(entry.manager)) continue;
    walk(target, entry.fieldsV1 as FieldSet, [], locations);
  }
  return locations;
}

function walk(value: unknown, fields: FieldSet, at: Location, out: Location[]): void {
  for (const [key, children] of Object.entries(fields)) {
    if (key === '.') continue;
    for (const location of resolve(value, key, at)) {
      const leaf = Object.keys(children).every((k) => k === '.');
      if (leaf) out.push(location);
      else walk(valueAt(value, [location.at(-1)!]), children, location, out);
    }
  }
}

function resolve(value: unknown, key: string, at: Location): Location[] {
  const kind = key.slice(0, 2);
  const rest = key.slice(2);
  if (kind === 'f:') return isRecord(value) && rest in value ? [[...at, rest]] : [];
  if (!Array.isArray(value)) return [];
  if (kind === 'i:') return Number(rest) < value.length ? [[...at, Number(rest)]] : [];
  const wanted = parse(rest);
  if (wanted === undefined) return [];
  const matches: Location[] = [];
  value.forEach((element, i) => {
    const hit =
      kind === 'v:'
        ? deepEqual(element, wanted)
        : kind === 'k:' &&
          isRecord(wanted) &&
          isRecord(element) &&
          Object.entries(wanted).every(([k, v]) => deepEqual(element[k], v));
    if (hit) matches.push([...at, i]);
  });
  return matches;
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
