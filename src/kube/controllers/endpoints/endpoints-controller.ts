import { jsonEqual } from '../../../json/json-equal.ts';
import { clone } from '../endpointslice/pod.ts';
import { selectsPods, serviceLabels, serviceSelects } from '../endpointslice/service.ts';
import { watchServicePods } from '../endpointslice/service-pods.ts';
import type { ControllerContext } from '../runtime/controller-context.ts';
import { Informer, keyOf } from '../runtime/informer.ts';
import { logError, WorkQueue } from '../runtime/work-queue.ts';
import { buildSubsets } from './subsets.ts';

const MANAGER = 'endpoint-controller';
const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';

/**
 * The legacy Endpoints controller (K: pkg/controller/endpoint/endpoints_controller.go): one core/v1 Endpoints named
 * after each Service with a selector, ready addresses apart from notReadyAddresses; no ownerReference (the
 * controller deletes it with the Service, as the real one does).
 */
export function startEndpointsController(ctx: ControllerContext): void {
  const { api, clock, signal } = ctx;
  const queue = new WorkQueue({ clock, signal, process: sync, onError: logError(MANAGER) });
  const { services, pods } = watchServicePods(ctx, (key) => queue.add(key));
  const endpoints = new Informer(api, 'v1', 'Endpoints');
  endpoints
    .on({
      updated: (_o, e) => queue.add(keyOf(e.metadata.namespace, e.metadata.name!)),
      deleted: (e) => queue.add(keyOf(e.metadata.namespace, e.metadata.name!)),
    })
    .start(signal);

  function sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const service = services.get(namespace, name);
    const current = endpoints.get(namespace, name);
    if (!service) {
      if (current) api.delete('v1', 'Endpoints', namespace, name, { preconditions: { uid: current.metadata.uid! } });
      return;
    }
    // Services without a selector have user-managed Endpoints.
    if (!selectsPods(service)) return;
    const selected = pods.list(namespace).filter((p) => serviceSelects(service, p.metadata.labels));
    const { subsets, truncated } = buildSubsets(service, selected);
    const labels = serviceLabels(service);
    const annotations = { ...(current?.metadata.annotations ?? {}) };
    if (truncated) annotations[OVER_CAPACITY] = 'truncated';
    else delete annotations[OVER_CAPACITY];
    if (!current) {
      api.create(
        {
          apiVersion: 'v1',
          kind: 'Endpoints',
          metadata: { name, namespace, labels, ...(truncated ? { annotations } : {}) },
          subsets,
        },
        { fieldManager: MANAGER },
      );
      return;
    }
    if (
      jsonEqual(current['subsets'] ?? [], subsets) &&
      jsonEqual(current.metadata.labels ?? {}, labels) &&
      jsonEqual(current.metadata.annotations ?? {}, annotations)
    )
      return;
    api.update(
      { ...clone(current), metadata: { ...clone(current.metadata), labels, annotations }, subsets },
      { fieldManager: MANAGER },
    );
  }
}
