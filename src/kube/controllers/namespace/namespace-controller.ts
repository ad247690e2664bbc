import type { Clock } from '../../../clock/index.ts';
import type { KubeApi } from '../../apiserver/kube-api.ts';
import type { ResourceTypes } from '../../apiserver/resources/resource-types.ts';
import { WorkQueue } from '../runtime/work-queue.ts';

const MANAGER = 'namespace-controller';
/** How often a terminating namespace whose content is still going away is checked again. */
const RECHECK_MS = 5_000;

/**
 * Namespace lifecycle (K: pkg/controller/namespace/deletion): a terminating namespace has every namespaced object in
 * it deleted, and once none is left its `kubernetes` finalizer is cleared through /finalize, which removes it.
 * Also gives every new namespace its `default` ServiceAccount (K: pkg/controller/serviceaccount).
 */
export function startNamespaceController(options: {
  api: KubeApi;
  types: ResourceTypes;
  clock: Clock;
  signal: AbortSignal;
}): void {
  const { api, types, clock, signal } = options;
  const queue = new WorkQueue({ clock, signal, process: (name) => sync(name) });
  const unsubscribe = api.onChange((event) => {
    if (event.object.kind === 'Namespace' && event.type !== 'DELETED') queue.add(event.object.metadata.name!);
    else if (event.type === 'DELETED' && event.object.metadata.namespace) queue.add(event.object.metadata.namespace);
    else if (event.type === 'DELETED' && event.object.kind === 'ServiceAccount')
      queue.add(event.object.metadata.namespace!);
  });
  signal.addEventListener('abort', unsubscribe, { once: true });
  for (const ns of api.list('v1', 'Namespace')) queue.add(ns.metadata.name!);

  function sync(name: string): void {
    const namespace = api.get('v1', 'Namespace', undefined, name);
    if (!namespace) return;
    if (!namespace.metadata.deletionTimestamp) {
      ensureDefaultServiceAccount(name);
      return;
    }
    let remaining = 0;
    for (const type of namespacedTypes()) {
      const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
      for (const object of api.list(apiVersion, type.kind, { namespace: name })) {
        remaining++;
        if (!object.metadata.deletionTimestamp) {
          api.delete(apiVersion, type.kind, name, object.metadata.name!, { propagationPolicy: 'Background' });
        }
      }
    }
    if (remaining > 0) {
      queue.addAfter(name, RECHECK_MS);
      return;
    }
    const spec = (namespace['spec'] ?? {}) as { finalizers?: string[] };
    if ((spec.finalizers ?? []).includes('kubernetes')) {
      api.update(
        { ...namespace, spec: { ...spec, finalizers: spec.finalizers!.filter((f) => f !== 'kubernetes') } },
        { subresource: 'finalize', fieldManager: MANAGER },
      );
    }
  }

  /** One type per storage key: events.k8s.io Events are a view of the same objects in a real cluster. */
  function namespacedTypes() {
    const seen = new Set<string>();
    return types.all().filter((t) => {
      const key = types.storageKey(t);
      if (!t.namespaced || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  function ensureDefaultServiceAccount(namespace: string): void {
    if (api.get('v1', 'ServiceAccount', namespace, 'default')) return;
    api.create(
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } },
      { fieldManager: 'service-account-controller' },
    );
  }
}
