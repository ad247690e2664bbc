import type { Location } from './jq-path.ts';

/**
 * Deletes every location from `root` in place. Deeper and later locations go first, so removing one array element
 * never shifts the index of another location still to be removed. Missing locations are ignored, as Argo CD ignores
 * a failed `remove` of an ignoreDifferences pointer.
 */
export function removeLocations(root: unknown, locations: Location[]): void {
  const ordered = [...locations].sort(compareDescending);
  for (const location of ordered) {
    if (location.length === 0) continue;
    let parent: unknown = root;
    for (const key of location.slice(0, -1)) parent = child(parent, key);
    const last = location.at(-1)!;
    if (Array.isArray(parent) && typeof last === 'number' && last < parent.length) parent.splice(last, 1);
    else if (isRecord(parent) && typeof last === 'string') delete parent[last];
  }
}

/** RFC 6901 pointer → location; `~1` is `/`, `~0` is `~`; all-digit segments index arrays when the value is one. */
export function pointerLocation(root: unknown, pointer: string): Location | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  const location: Location = [];
  let value = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(value)) {
      if (!/^\d+$/.test(key)) return undefined;
      location.push(Number(key));
    } else location.push(key);
    value = child(value, location.at(-1)!);
    if (value === undefined) return undefined;
  }
  return location;
}

function child(value: unknown, key: string | number): unknown {
  if (typeof key === 'number') return Array.isArray(value) ? value[key] : undefined;
  return isRecord(value) ? value[key] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compareDescending(a: Location, b: Location): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return String(y).localeCompare(String(x));
  }
  return b.length - a.length;
}
