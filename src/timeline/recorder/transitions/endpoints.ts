import type { KubeObject } from '../../../kube/object.ts';
import { at, type Draft, subjectOf } from './draft.ts';

const SERVICE_LABEL = 'kubernetes.io/service-name';

interface Counts {
  ready: number;
  notReady: number;
}

/** The Service (`namespace/name`) an EndpointSlice belongs to, or undefined for slices of no Service. */
export function serviceOf(slice: KubeObject): string | undefined {
  const name = slice.metadata.labels?.[SERVICE_LABEL];
  return name ? `${slice.metadata.namespace}/${name}` : undefined;
}

/** An endpoint counts as ready unless its `ready` condition is false (nil means ready, per the API). */
export function isReadyEndpoint(endpoint: unknown): boolean {
  return at(endpoint, 'conditions', 'ready') !== false;
}

function countsOf(slice: KubeObject): Counts {
  const endpoints = (slice['endpoints'] as unknown[] | null | undefined) ?? [];
  const ready = endpoints.filter(isReadyEndpoint).length;
  return { ready, notReady: endpoints.length - ready };
}

/**
 * Service `endpoints` transitions: ready and not-ready endpoints summed over all EndpointSlices of a Service,
 * reported when the sums change.
 */
export function endpointTransitions(): (slice: KubeObject | undefined, previous: KubeObject | undefined) => Draft[] {
  const slices = new Map<string, { service: string; counts: Counts }>();
  const reported = new Map<string, string>();
  return (slice, previous) => {
    const current = slice ?? previous;
    const service = current && serviceOf(current);
    if (!current || !service) return [];
    const key = subjectOf(current);
    if (slice) slices.set(key, { service, counts: countsOf(slice) });
    else slices.delete(key);
    const total: Counts = { ready: 0, notReady: 0 };
    for (const entry of slices.values()) {
      if (entry.service !== service) continue;
      total.ready += entry.counts.ready;
      total.notReady += entry.counts.notReady;
    }
    const summary = `${total.ready}/${total.notReady}`;
    if (reported.get(service) === summary) return [];
    reported.set(service, summary);
    return [
      {
        component: 'service',
        type: 'endpoints',
        subject: service,
        message: `${total.ready} ready, ${total.notReady} not ready`,
        data: { ...total },
      },
    ];
  };
}
