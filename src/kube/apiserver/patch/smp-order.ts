import type { Json } from '../../object.ts';
import { isJsonObject } from './json.ts';

/**
 * Element order after a strategic merge (Kubernetes' "preserve order in strategic merge patch" design): items named
 * by the patch (or its `$setElementOrder` list) take the patch's order, server-only items keep their relative
 * order from the live list, and the two sequences are interleaved using the live list as the reference.
 */

/** What identifies a list item: its merge-key value for lists of maps, the item itself for scalars. */
export function identity(item: Json, mergeKey: string | undefined): Json | undefined {
  if (!mergeKey) return item;
  return isJsonObject(item) ? item[mergeKey] : undefined;
}

function indexIn(list: readonly Json[], item: Json, mergeKey: string | undefined): number {
  const wanted = identity(item, mergeKey);
  return list.findIndex((candidate) => identity(candidate, mergeKey) === wanted);
}

/** Splits `items` into those whose identity appears in `by` and the rest, keeping order. */
export function partitionByPresence(
  items: readonly Json[],
  by: readonly Json[],
  mergeKey: string | undefined,
): { inPatch: Json[]; serverOnly: Json[] } {
  const inPatch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const item of items) (indexIn(by, item, mergeKey) >= 0 ? inPatch : serverOnly).push(item);
  return { inPatch, serverOnly };
}

function sortBy(items: readonly Json[], order: readonly Json[], mergeKey: string | undefined): Json[] {
  return items
    .map((item, position) => ({ item, position, rank: indexIn(order, item, mergeKey) }))
    .sort((a, b) => (a.rank >= 0 && b.rank >= 0 ? a.rank - b.rank : 0) || a.position - b.position)
    .map(({ item }) => item);
}

export function normalizeElementOrder(options: {
  patchItems: readonly Json[];
  serverOnly: readonly Json[];
  patchOrder: readonly Json[];
  serverOrder: readonly Json[];
  mergeKey: string | undefined;
}): Json[] {
  const { patchOrder, serverOrder, mergeKey } = options;
  const right = sortBy(options.patchItems, patchOrder, mergeKey);
  const left = sortBy(options.serverOnly, serverOrder, mergeKey);
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const l = left[i];
    const r = right[j];
    if (l === undefined) {
      out.push(r as Json);
      j++;
    } else if (r === undefined) {
      out.push(l);
      i++;
    } else {
      // A server-only item goes first only when the live list proves it came before the patch item.
      const li = indexIn(serverOrder, l, mergeKey);
      const ri = indexIn(serverOrder, r, mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) {
        out.push(l);
        i++;
      } else {
        out.push(r);
        j++;
      }
    }
  }
  return out;
}
