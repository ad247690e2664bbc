import { jsonEqual } from '../../../json/json-equal.ts';
import type { KubeObject } from '../../object.ts';
import type { ControllerContext } from '../runtime/controller-context.ts';
import { newControllerRef } from '../runtime/controller-ref.ts';
import { Informer, keyOf } from '../runtime/informer.ts';
import { logError, WorkQueue } from '../runtime/work-queue.ts';
import { type EndpointGroup, podToEndpoint, portsKey } from './endpoint.ts';
import { type EndpointSlice, planSlices } from './plan-slices.ts';
import { clone } from './pod.ts';
import {
  resolvePorts,
  type Service,
  selectsPods,
  serviceLabels,
  serviceSelects,
  shouldPodBeInEndpoints,
} from './service.ts';
import { watchServicePods } from './service-pods.ts';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
const MANAGER = 'endpointslice-controller';
const SLICE_API = 'discovery.k8s.io/v1';

export interface EndpointSliceControllerOptions {
  /** --max-endpoints-per-slice (K: cmd/kube-controller-manager, default 100). */
  maxEndpointsPerSlice?: number;
}

/**
 * The EndpointSlice controller (K: pkg/controller/endpointslice): for every Service with a selector, IPv4
 * EndpointSlices listing the selected pods that have an IP and are not Succeeded/Failed, terminating ones included
 * with their conditions (digest §7), labelled with the service name and this controller, owned by the Service.
 */
export function startEndpointSliceController(
  ctx: ControllerContext,
  options: EndpointSliceControllerOptions = {},
): void {
  const { api, clock, signal } = ctx;
  const maxPerSlice = options.maxEndpointsPerSlice ?? 100;
  const queue = new WorkQueue({ clock, signal, process: sync, onError: logError(MANAGER) });
  const { services, pods, nodes } = watchServicePods(ctx, (key) => queue.add(key));
  const slices = new Informer<EndpointSlice>(api, SLICE_API, 'EndpointSlice').addIndex('service', (s) =>
    s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY && s.metadata.labels[SERVICE_NAME_LABEL]
      ? [keyOf(s.metadata.namespace, s.metadata.labels[SERVICE_NAME_LABEL])]
      : [],
  );
  const enqueueOwner = (s: EndpointSlice) => {
    const name = s.metadata.labels?.[SERVICE_NAME_LABEL];
    if (name && s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY) queue.add(keyOf(s.metadata.namespace, name));
  };
  slices.on({ updated: (_old, s) => enqueueOwner(s), deleted: enqueueOwner }).start(signal);

  function sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const service = services.get(namespace, name);
    if (!service) return; // the garbage collector removes the slices it owns
    const owned = slices
      .byIndex('service', key)
      .filter((s) => s.metadata.ownerReferences?.some((o) => o.uid === service.metadata.uid));
    if (!selectsPods(service)) {
      // A Service without a selector keeps user-managed slices; ExternalName loses ours (K: syncService).
      if (service.spec.type === 'ExternalName') for (const s of owned) deleteSlice(s);
      return;
    }
    const groups = new Map<string, EndpointGroup>();
    for (const pod of pods.list(namespace)) {
      if (!serviceSelects(service, pod.metadata.labels) || !shouldPodBeInEndpoints(pod, true)) continue;
      if (pod.status!.podIP!.includes(':')) continue; // IPv6: this controller writes IPv4 slices only
      const ports = resolvePorts(service, pod);
      const k = portsKey(ports);
      const group = groups.get(k) ?? { key: k, ports, endpoints: new Map() };
      group.endpoints.set(
        pod.metadata.uid!,
        podToEndpoint(pod, service, nodes.get(undefined, pod.spec.nodeName ?? '')),
      );
      groups.set(k, group);
    }
    const plan = planSlices({ existing: owned, desired: [...groups.values()], maxPerSlice });
    const labels = sliceLabels(service);
    for (const s of plan.delete) deleteSlice(s);
    for (const { slice, ports, endpoints } of plan.update) {
      api.update(
        { ...clone(slice), metadata: { ...clone(slice.metadata), labels }, endpoints, ports },
        { fieldManager: MANAGER },
      );
    }
    for (const { ports, endpoints } of plan.create) {
      api.create(
        {
          apiVersion: SLICE_API,
          kind: 'EndpointSlice',
          metadata: { generateName: `${name}-`, namespace, labels, ownerReferences: [newControllerRef(service)] },
          addressType: 'IPv4',
          endpoints,
          ports,
        },
        { fieldManager: MANAGER },
      );
    }
    // Labels copied from the Service may have changed on slices whose content did not.
    const updated = new Set(plan.update.map((u) => u.slice.metadata.uid));
    const deleted = new Set(plan.delete.map((s) => s.metadata.uid));
    for (const s of owned) {
      if (updated.has(s.metadata.uid) || deleted.has(s.metadata.uid) || jsonEqual(s.metadata.labels, labels)) continue;
      api.update({ ...clone(s), metadata: { ...clone(s.metadata), labels } }, { fieldManager: MANAGER });
    }
  }

  function deleteSlice(slice: KubeObject): void {
    api.delete(SLICE_API, 'EndpointSlice', slice.metadata.namespace, slice.metadata.name!, {
      preconditions: { uid: slice.metadata.uid! },
    });
  }
}

function sliceLabels(service: Service): Record<string, string> {
  return { ...serviceLabels(service), [SERVICE_NAME_LABEL]: service.metadata.name!, [MANAGED_BY_LABEL]: MANAGED_BY };
}
