import { milliQuantity } from '../../quantity.ts';
import { listAt, type Obj, objAt } from './json.ts';

const computeResources = ['cpu', 'memory'];

/** GetPodQOS (kubernetes `pkg/apis/core/helper/qos`): from the cpu and memory requests and limits. */
export function podQOSClass(spec: Obj): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const requests = new Map<string, number>();
  const limits = new Map<string, number>();
  let guaranteed = true;
  for (const container of [...listAt(spec, 'initContainers'), ...listAt(spec, 'containers')]) {
    const resources = objAt(container, 'resources');
    for (const [name, value] of Object.entries(objAt(resources, 'requests') ?? {})) {
      const amount = milliQuantity(value);
      if (computeResources.includes(name) && amount) requests.set(name, (requests.get(name) ?? 0) + amount);
    }
    const found = new Set<string>();
    for (const [name, value] of Object.entries(objAt(resources, 'limits') ?? {})) {
      const amount = milliQuantity(value);
      if (computeResources.includes(name) && amount) {
        found.add(name);
        limits.set(name, (limits.get(name) ?? 0) + amount);
      }
    }
    if (!computeResources.every((name) => found.has(name))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, amount] of requests) if (limits.get(name) !== amount) guaranteed = false;
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
