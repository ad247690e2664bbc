import { formatTime } from '../../../clock/index.ts';
import { jsonEqual } from '../../../json/json-equal.ts';
import { labelSelectorFromObject } from '../../labels/index.ts';
import type { KubeObject } from '../../object.ts';
import { clone, isPodReady, type Pod } from '../endpointslice/pod.ts';
import type { ControllerContext } from '../runtime/controller-context.ts';
import { Informer, keyOf } from '../runtime/informer.ts';
import { logError, WorkQueue } from '../runtime/work-queue.ts';
import { expectedFromControllers, type PdbSpec, scaled } from './expected-pods.ts';

const MANAGER = 'disruption-controller';

/**
 * The disruption controller (K: pkg/controller/disruption/disruption.go): PodDisruptionBudget status from the
 * selected pods — currentHealthy (Ready, not terminating), desiredHealthy and expectedPods (minAvailable as a number:
 * the pods themselves; a percentage or maxUnavailable: the scale of their controllers), disruptionsAllowed, and the
 * DisruptionAllowed condition — which the eviction subresource reads. Not implemented: disruptedPods bookkeeping
 * (the embedded eviction does not write it), unhealthyPodEvictionPolicy, custom scale subresources.
 */
export function startDisruptionController(ctx: ControllerContext): void {
  const { api, clock, signal } = ctx;
  const queue = new WorkQueue({ clock, signal, process: sync, onError: logError(MANAGER) });
  const pdbs = new Informer(api, 'policy/v1', 'PodDisruptionBudget');
  const pods = new Informer<Pod>(api, 'v1', 'Pod');
  const enqueue = (o: KubeObject) => queue.add(keyOf(o.metadata.namespace, o.metadata.name!));
  const enqueueFor = (p: Pod) => {
    for (const pdb of pdbs.list(p.metadata.namespace)) {
      if (selectorOf(pdb).matches(p.metadata.labels ?? {})) enqueue(pdb);
    }
  };
  pdbs.on({ added: enqueue, updated: (_o, p) => enqueue(p) });
  pods.on({ added: enqueueFor, updated: (_o, p) => enqueueFor(p), deleted: enqueueFor });
  pdbs.start(signal);
  pods.start(signal);
  // Scale changes of workload controllers change expectedPods.
  for (const [apiVersion, kind] of [
    ['apps/v1', 'Deployment'],
    ['apps/v1', 'ReplicaSet'],
    ['apps/v1', 'StatefulSet'],
  ] as const) {
    new Informer(api, apiVersion, kind)
      .on({ updated: (_o, w) => pdbs.list(w.metadata.namespace).forEach(enqueue) })
      .start(signal);
  }

  function sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const pdb = pdbs.get(namespace, name);
    if (!pdb || pdb.metadata.deletionTimestamp) return;
    const spec = (pdb['spec'] ?? {}) as PdbSpec;
    const selector = selectorOf(pdb);
    const selected = pods.list(namespace).filter((p) => selector.matches(p.metadata.labels ?? {}));
    const currentHealthy = selected.filter((p) => !p.metadata.deletionTimestamp && isPodReady(p)).length;
    let expectedPods: number;
    let desiredHealthy: number;
    let failure: string | undefined;
    try {
      if (spec.maxUnavailable !== undefined) {
        expectedPods = expectedFromControllers(selected, (v, k, ns, n) => api.get(v, k, ns, n));
        desiredHealthy = Math.max(0, expectedPods - scaled(spec.maxUnavailable, expectedPods));
      } else if (typeof spec.minAvailable === 'string') {
        expectedPods = expectedFromControllers(selected, (v, k, ns, n) => api.get(v, k, ns, n));
        desiredHealthy = scaled(spec.minAvailable, expectedPods);
      } else {
        expectedPods = selected.length;
        desiredHealthy = spec.minAvailable ?? 0;
      }
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      expectedPods = 0;
      desiredHealthy = 0;
    }
    let allowed = currentHealthy - desiredHealthy;
    if (failure || expectedPods <= 0 || allowed < 0) allowed = 0;
    const previous = (pdb['status'] ?? {}) as {
      conditions?: { type: string; status: string; reason: string; lastTransitionTime: string }[];
    };
    const [status, reason] = failure
      ? ['False', 'SyncFailed']
      : allowed > 0
        ? ['True', 'SufficientPods']
        : ['False', 'InsufficientPods'];
    const old = previous.conditions?.find((c) => c.type === 'DisruptionAllowed');
    const condition = {
      type: 'DisruptionAllowed',
      status,
      reason,
      message: failure ?? '',
      observedGeneration: pdb.metadata.generation,
      lastTransitionTime: old?.status === status ? old.lastTransitionTime : formatTime(clock.now()),
    };
    const next = {
      ...clone(previous),
      observedGeneration: pdb.metadata.generation,
      disruptionsAllowed: allowed,
      currentHealthy,
      desiredHealthy,
      expectedPods,
      conditions: [condition],
    };
    if (jsonEqual(previous, next)) return;
    api.update({ ...clone(pdb), status: next }, { subresource: 'status', fieldManager: MANAGER });
  }
}

function selectorOf(pdb: KubeObject) {
  return labelSelectorFromObject(((pdb['spec'] ?? {}) as PdbSpec).selector);
}
