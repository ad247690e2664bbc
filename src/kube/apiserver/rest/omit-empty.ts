import type { KubeObject } from '../../object.ts';

const OMIT_WHEN_EMPTY = ['labels', 'annotations', 'finalizers', 'ownerReferences', 'managedFields'] as const;

/**
 * ObjectMeta's lists and maps are `omitempty` in Go, so a real server never stores `finalizers: []` or
 * `labels: {}`: removing the last finalizer or owner reference makes the field disappear. Mutates `object`.
 */
export function omitEmptyMetadata(object: KubeObject): void {
  const meta = object.metadata as Record<string, unknown>;
  for (const field of OMIT_WHEN_EMPTY) {
    const value = meta[field];
    if (value === null || (Array.isArray(value) && value.length === 0)) delete meta[field];
    else if (typeof value === 'object' && value !== null && Object.keys(value).length === 0) delete meta[field];
  }
}
