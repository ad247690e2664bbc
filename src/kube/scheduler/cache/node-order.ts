import type { Node } from '../pod/types.ts';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';
export const REGION_LABEL = 'topology.kubernetes.io/region';

/**
 * Node names listed round-robin across zones (K: pkg/scheduler/backend/cache/node_tree.go), so that when the
 * scheduler stops filtering after enough feasible nodes, the nodes it did look at span every zone.
 */
export function zoneInterleaved(nodes: Iterable<Node>): string[] {
  const zones = new Map<string, string[]>();
  for (const node of nodes) {
    const labels = node.metadata.labels ?? {};
    const zone = `${labels[REGION_LABEL] ?? ''}:\u0000:${labels[ZONE_LABEL] ?? ''}`;
    const names = zones.get(zone) ?? [];
    names.push(node.metadata.name!);
    zones.set(zone, names);
  }
  const lists = [...zones.values()];
  const total = lists.reduce((n, l) => n + l.length, 0);
  const out: string[] = [];
  for (let i = 0; out.length < total; i++) {
    for (const list of lists) if (i < list.length) out.push(list[i]!);
  }
  return out;
}
