import type { KubeObject } from '../../object.ts';
import { ZONE_LABEL } from '../endpointslice/endpoint.ts';
import { conditionsOf } from './node-health.ts';

export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption';

const REGION_LABEL = 'topology.kubernetes.io/region';

/** nodetopology.GetZoneKey: region and zone; nodes without them share the "" zone. */
export function zoneKey(node: KubeObject): string {
  const labels = node.metadata.labels ?? {};
  return `${labels[REGION_LABEL] ?? ''}:\u0000:${labels[ZONE_LABEL] ?? ''}`;
}

/**
 * ComputeZoneState (K: node_lifecycle_controller.go): no ready node → FullDisruption; more than 2 not-ready nodes
 * making at least `unhealthyThreshold` (--unhealthy-zone-threshold 0.55) of the zone → PartialDisruption.
 */
export function zoneStates(nodes: readonly KubeObject[], unhealthyThreshold: number): Map<string, ZoneState> {
  const counts = new Map<string, { ready: number; notReady: number }>();
  for (const node of nodes) {
    const key = zoneKey(node);
    const count = counts.get(key) ?? { ready: 0, notReady: 0 };
    const ready = conditionsOf(node).find((c) => c.type === 'Ready');
    if (ready?.status === 'True') count.ready++;
    else count.notReady++;
    counts.set(key, count);
  }
  const states = new Map<string, ZoneState>();
  for (const [key, { ready, notReady }] of counts) {
    if (ready === 0 && notReady > 0) states.set(key, 'FullDisruption');
    else if (notReady > 2 && notReady / (ready + notReady) >= unhealthyThreshold) states.set(key, 'PartialDisruption');
    else states.set(key, 'Normal');
  }
  return states;
}
