import type { KubeApi } from '../apiserver/kube-api.ts';
import type { ApiContext } from '../apiserver/rest/api-context.ts';
import { bindPod } from '../apiserver/rest/subresources/pod-binding.ts';
import { SchedulerError } from './errors.ts';
import type { Pod } from './pod/types.ts';

/** Assigns a pod to a node through pods/{name}/binding; throws the API's error (409 when already bound). */
export type Binder = (pod: Pod, nodeName: string) => void;

const FIELD_MANAGER = 'kube-scheduler';

/** The Binding object kube-scheduler's DefaultBinder posts (K: plugins/defaultbinder). */
function bindingFor(pod: Pod, nodeName: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Binding',
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
    target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
  };
}

/**
 * Binds through the REST core's pods/binding handler, with exactly its semantics. Needed while KubeApi has no
 * `bind`: the integrator passes `apiContextBinder(server.context)`.
 */
export function apiContextBinder(context: ApiContext): Binder {
  const type = context.types.byKind('v1', 'Pod');
  if (!type) throw new SchedulerError('SCHEDULER_NO_BINDER', 'the API server serves no v1 Pod: cannot bind pods');
  return (pod, nodeName) => {
    bindPod(context, type, pod.metadata.namespace!, pod.metadata.name!, bindingFor(pod, nodeName), {
      dryRun: false,
      fieldManager: FIELD_MANAGER,
      fieldValidation: 'Strict',
      force: false,
    });
  };
}

interface ApiWithBind {
  bind(namespace: string, name: string, nodeName: string): unknown;
}

function hasBind(api: KubeApi): api is KubeApi & ApiWithBind {
  return typeof (api as Partial<ApiWithBind>).bind === 'function';
}

/** KubeApi's own `bind` once it has one; until then the caller must pass a binder. */
export function defaultBinder(api: KubeApi): Binder {
  if (hasBind(api)) return (pod, nodeName) => api.bind(pod.metadata.namespace!, pod.metadata.name!, nodeName);
  throw new SchedulerError(
    'SCHEDULER_NO_BINDER',
    'KubeApi has no bind(): start the scheduler with { binder: apiContextBinder(apiServer.context) }',
  );
}
