import type { LabelSelector } from '../../labels/index.ts';
import type { Pod } from '../pod/types.ts';

interface Group {
  selector: LabelSelector;
  perNode: Map<string, number>;
}

/** Enough for every workload being rolled out at once in a sandbox; the least recently used group is rebuilt on demand. */
const MAX_GROUPS = 512;

/**
 * How many non-terminating pods matching a selector run on each node, per namespace and selector, kept current as
 * pods are bound and removed. PodTopologySpread counts exactly this (K: podtopologyspread/common.go
 * countPodsMatchSelector) for every node and every pod it scores; recounting would cost pods × nodes per pod.
 */
export class SpreadCounts {
  readonly #groups = new Map<string, Group>();

  /** Counts per node for `selector` in `namespace`; `scan` lists every bound pod when the group is first needed. */
  perNode(
    namespace: string,
    selector: LabelSelector,
    scan: () => Iterable<{ pod: Pod; node: string }>,
  ): Map<string, number> {
    const key = `${namespace}\u0000${selector.toString()}`;
    let group = this.#groups.get(key);
    if (group) {
      // Map iteration order is insertion order: re-inserting marks the group as recently used.
      this.#groups.delete(key);
    } else {
      group = { selector, perNode: new Map() };
      for (const { pod, node } of scan()) {
        if (pod.metadata.namespace === namespace && counts(pod) && selector.matches(pod.metadata.labels)) {
          group.perNode.set(node, (group.perNode.get(node) ?? 0) + 1);
        }
      }
      if (this.#groups.size >= MAX_GROUPS) this.#groups.delete(this.#groups.keys().next().value!);
    }
    this.#groups.set(key, group);
    return group.perNode;
  }

  /** A bound pod appeared on (+1) or left (-1) a node. */
  change(pod: Pod, node: string, delta: 1 | -1): void {
    if (!counts(pod) || this.#groups.size === 0) return;
    const prefix = `${pod.metadata.namespace}\u0000`;
    for (const [key, group] of this.#groups) {
      if (!key.startsWith(prefix) || !group.selector.matches(pod.metadata.labels)) continue;
      const next = (group.perNode.get(node) ?? 0) + delta;
      if (next > 0) group.perNode.set(node, next);
      else group.perNode.delete(node);
    }
  }
}

/** Terminating pods do not count towards spreading: they are on their way out. */
function counts(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp;
}
