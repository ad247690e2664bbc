import type { NodeInfo } from '../cache/node-info.ts';
import { ZONE_LABEL } from '../cache/node-order.ts';
import { MAX_NODE_SCORE, type ScorePlugin } from '../framework/types.ts';
import { matchesRequiredAffinity } from './node-selector.ts';

const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/**
 * The system default constraints applied to pods without topologySpreadConstraints, both ScheduleAnyway
 * (K: podtopologyspread/plugin.go systemDefaultConstraints).
 */
const SYSTEM_DEFAULTS = [
  { topologyKey: HOSTNAME_LABEL, maxSkew: 3 },
  { topologyKey: ZONE_LABEL, maxSkew: 5 },
] as const;

/**
 * Spreading of a workload's replicas over nodes and zones (K: podtopologyspread/scoring.go), with the system
 * default constraints and the selector of the Services and controller owning the pod. A node's raw score is, per
 * constraint, the matching pods in its topology domain × log(domains + 2) + maxSkew − 1; fewer is better once
 * normalized. Nodes missing a topology label simply get no credit for that constraint (system defaults do not
 * require every key).
 */
export const podTopologySpreadScore: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  score(pod, nodes, context) {
    const selector = context.defaultSelector(pod.pod);
    if (selector.empty || nodes.length === 0) return undefined;
    const namespace = pod.pod.metadata.namespace ?? '';
    const perNode = context.cache.spread.perNode(namespace, selector, () => context.cache.boundPods());

    // Zone domains present among the feasible nodes (a node without the label makes the "" domain).
    const zoneCounts = new Map<string, number>();
    for (const n of nodes) zoneCounts.set(zoneOf(n), 0);
    // Pods are counted on every node the pod could go to by affinity, feasible or not (nodeAffinityPolicy Honor).
    for (const n of context.allNodes) {
      const zone = zoneOf(n);
      const count = perNode.get(n.name);
      if (!count || !zoneCounts.has(zone) || !n.node || !matchesRequiredAffinity(pod.pod, n.node)) continue;
      zoneCounts.set(zone, zoneCounts.get(zone)! + count);
    }
    const hostWeight = Math.log(nodes.length + 2);
    const zoneWeight = Math.log(zoneCounts.size + 2);

    const raw = nodes.map((n) => {
      const labels = n.node?.metadata.labels ?? {};
      let score = 0;
      for (const c of SYSTEM_DEFAULTS) {
        if (!(c.topologyKey in labels)) continue;
        const count = c.topologyKey === HOSTNAME_LABEL ? (perNode.get(n.name) ?? 0) : zoneCounts.get(zoneOf(n))!;
        score += count * (c.topologyKey === HOSTNAME_LABEL ? hostWeight : zoneWeight) + (c.maxSkew - 1);
      }
      return Math.round(score);
    });
    // K: NormalizeScore: the least crowded node gets 100, relative to the most crowded.
    const min = Math.min(...raw);
    const max = Math.max(...raw);
    return raw.map((s) => (max === 0 ? MAX_NODE_SCORE : Math.trunc((MAX_NODE_SCORE * (max + min - s)) / max)));
  },
};

function zoneOf(node: NodeInfo): string {
  return node.node?.metadata.labels?.[ZONE_LABEL] ?? '';
}
