import { resourceAmount } from '../../quantity.ts';
import type { Container, Pod, ResourceListText } from './types.ts';

/** Amounts by resource name: millicores for "cpu", units (bytes, counts) for everything else. */
export type Resources = Record<string, number>;

/**
 * What a container gets when it requests nothing, for scoring only (K: pkg/scheduler/util/pod_resources.go,
 * DefaultMilliCPURequest = 100, DefaultMemoryRequest = 200 MiB), so empty pods still spread.
 */
export const NON_ZERO_DEFAULTS: Resources = { cpu: 100, memory: 200 * 1024 * 1024 };

/**
 * A pod's effective requests (K: component-helpers/resource/helpers.go PodRequests): the containers' sum, or the
 * largest init container plus the sidecars started before it if larger, plus spec.overhead. Sidecars (init
 * containers with restartPolicy Always) keep running, so they add to the sum as well.
 */
export function podRequests(pod: Pod, missing?: Resources): Resources {
  const spec = pod.spec ?? {};
  const total: Resources = {};
  for (const c of spec.containers ?? []) add(total, containerRequests(c, missing));
  const sidecars: Resources = {};
  const initPeak: Resources = {};
  for (const c of spec.initContainers ?? []) {
    const own = containerRequests(c, missing);
    if (c.restartPolicy === 'Always') {
      add(total, own);
      add(sidecars, own);
      max(initPeak, sidecars);
    } else {
      const during = { ...own };
      add(during, sidecars);
      max(initPeak, during);
    }
  }
  max(total, initPeak);
  add(total, parseList(spec.overhead));
  return total;
}

/** Requests with cpu and memory defaulted per container where missing, as the scorers count them. */
export function nonZeroRequests(pod: Pod): Resources {
  const all = podRequests(pod, NON_ZERO_DEFAULTS);
  return { cpu: all['cpu'] ?? 0, memory: all['memory'] ?? 0 };
}

export function parseList(list: ResourceListText | undefined): Resources {
  const out: Resources = {};
  for (const [name, value] of Object.entries(list ?? {})) out[name] = resourceAmount(name, value);
  return out;
}

function containerRequests(container: Container, missing: Resources | undefined): Resources {
  const requests = parseList(container.resources?.requests);
  for (const [name, amount] of Object.entries(missing ?? {})) {
    if (!(name in requests)) requests[name] = amount;
  }
  return requests;
}

function add(into: Resources, from: Resources): void {
  for (const [name, amount] of Object.entries(from)) into[name] = (into[name] ?? 0) + amount;
}

function max(into: Resources, from: Resources): void {
  for (const [name, amount] of Object.entries(from)) into[name] = Math.max(into[name] ?? 0, amount);
}
