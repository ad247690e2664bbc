import { jsonEqual } from '../../../json/json-equal.ts';
import type { KubeObject } from '../../object.ts';
import { type Endpoint, type EndpointGroup, portsKey } from './endpoint.ts';
import type { ResolvedPort } from './service.ts';

export interface EndpointSlice extends KubeObject {
  addressType: string;
  endpoints?: Endpoint[] | null;
  ports?: ResolvedPort[] | null;
}

export interface SlicePlan {
  /** Slices to write with their new content (only those that changed). */
  update: { slice: EndpointSlice; ports: ResolvedPort[]; endpoints: Endpoint[] }[];
  create: { ports: ResolvedPort[]; endpoints: Endpoint[] }[];
  delete: EndpointSlice[];
}

/**
 * Decides which slices to create, update and delete for one Service, in the spirit of the real reconciler
 * (K: pkg/controller/endpointslice/reconciler.go, staging/src/k8s.io/endpointslice/reconciler.go): endpoints stay in
 * the slice they are in when it still has their port set, new ones fill existing slices up to `maxPerSlice`
 * before new slices are made, emptied slices are deleted, and a Service with no endpoints keeps one placeholder
 * slice with no ports and no endpoints. Simplified: no "fill the fullest first" packing and no slice merging.
 */
export function planSlices(options: {
  existing: EndpointSlice[];
  desired: EndpointGroup[];
  maxPerSlice: number;
}): SlicePlan {
  const { maxPerSlice } = options;
  const plan: SlicePlan = { update: [], create: [], delete: [] };
  const byKey = new Map<string, EndpointSlice[]>();
  for (const slice of [...options.existing].sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!))) {
    if (slice.addressType !== 'IPv4') {
      plan.delete.push(slice);
      continue;
    }
    const key = portsKey(slice.ports ?? []);
    byKey.set(key, [...(byKey.get(key) ?? []), slice]);
  }
  const total = options.desired.reduce((n, g) => n + g.endpoints.size, 0);
  if (total === 0) return placeholderPlan(byKey, plan);

  for (const group of options.desired) {
    if (group.endpoints.size === 0) continue;
    const slices = byKey.get(group.key) ?? [];
    byKey.delete(group.key);
    const remaining = new Map(group.endpoints);
    const contents = slices.map((slice) => {
      const kept: Endpoint[] = [];
      for (const old of slice.endpoints ?? []) {
        const next = remaining.get(old.targetRef.uid);
        if (next && kept.length < maxPerSlice) {
          kept.push(next);
          remaining.delete(old.targetRef.uid);
        }
      }
      return { slice, endpoints: kept };
    });
    const fresh = [...remaining.values()];
    for (const content of contents) {
      while (fresh.length > 0 && content.endpoints.length < maxPerSlice) content.endpoints.push(fresh.shift()!);
    }
    for (const { slice, endpoints } of contents) {
      if (endpoints.length === 0) plan.delete.push(slice);
      else if (!jsonEqual(endpoints, slice.endpoints ?? []) || !jsonEqual(group.ports, slice.ports ?? [])) {
        plan.update.push({ slice, ports: group.ports, endpoints });
      }
    }
    while (fresh.length > 0) plan.create.push({ ports: group.ports, endpoints: fresh.splice(0, maxPerSlice) });
  }
  for (const slices of byKey.values()) plan.delete.push(...slices);
  return plan;
}

/** No endpoints: keep (or make) one placeholder slice, delete the rest (K: reconciler placeholderSliceCompare). */
function placeholderPlan(byKey: Map<string, EndpointSlice[]>, plan: SlicePlan): SlicePlan {
  const all = [...byKey.values()].flat();
  const placeholder = all.find((s) => (s.endpoints ?? []).length === 0 && (s.ports ?? []).length === 0);
  for (const slice of all) if (slice !== placeholder) plan.delete.push(slice);
  if (!placeholder) plan.create.push({ ports: [], endpoints: [] });
  return plan;
}
