import type { Manifest } from './types.ts';

/**
 * Argo CD's post-processing of every tool's output (reposerver `GenerateManifests`): an object whose `items` is a
 * list (`kind: List`, `ConfigMapList` …) is replaced by its items; a list with `items: null` and no spec/status
 * (`isNullList`) is dropped; everything else passes through.
 */
export function flattenLists(objects: Manifest[]): Manifest[] {
  const out: Manifest[] = [];
  for (const object of objects) {
    const items = object['items'];
    if (Array.isArray(items)) {
      for (const item of items) {
        if (typeof item === 'object' && item !== null && !Array.isArray(item)) out.push(item as Manifest);
      }
    } else if (items === null && !('spec' in object) && !('status' in object)) {
      // noop: a null list
    } else {
      out.push(object);
    }
  }
  return out;
}
