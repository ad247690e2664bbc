import { formatTime } from '../../../clock/index.ts';
import type { KubeApi } from '../../apiserver/kube-api.ts';
import { type Condition, type Pod, podCondition } from '../endpointslice/pod.ts';
import type { ControllerContext } from '../runtime/controller-context.ts';
import { Informer } from '../runtime/informer.ts';
import { logError, WorkQueue } from '../runtime/work-queue.ts';
import { isPodTerminated, oldestEvictedFirst } from './terminated.ts';

const MANAGER = 'pod-garbage-collector';
/** gcCheckPeriod (K: pkg/controller/podgc/gc_controller.go). */
export const GC_CHECK_PERIOD_MS = 20_000;
/** quarantineTime: how long a node must stay missing before its pods are collected. */
export const QUARANTINE_MS = 40_000;
/** kube-controller-manager --terminated-pod-gc-threshold default; 0 or less turns that collection off. */
export const DEFAULT_TERMINATED_POD_THRESHOLD = 12_500;
/** v1.TaintNodeOutOfService (NodeOutOfServiceVolumeDetach, GA since v1.28). */
const OUT_OF_SERVICE_TAINT = 'node.kubernetes.io/out-of-service';

export interface PodGcOptions {
  terminatedPodThreshold?: number;
  gcCheckPeriodMs?: number;
  quarantineMs?: number;
}

/**
 * The pod garbage collector (K: pkg/controller/podgc/gc_controller.go, v1.32), every 20 s from start:
 * - terminated pods (phase neither Pending, Running nor Unknown) beyond the threshold, evicted and oldest first;
 * - terminating pods on NotReady nodes tainted node.kubernetes.io/out-of-service;
 * - pods bound to nodes missing from the cache, once the node is still missing from the API after 40 s of
 *   quarantine: marked Failed with condition DisruptionTarget/DeletionByPodGC "PodGC: node no longer exists";
 * - terminating pods never bound to a node.
 * Every one is force-deleted (grace period 0) after being marked Failed unless already terminal.
 */
export function startPodGcController(ctx: ControllerContext, options: PodGcOptions = {}): void {
  const { api, clock, signal } = ctx;
  const period = options.gcCheckPeriodMs ?? GC_CHECK_PERIOD_MS;
  const quarantine = options.quarantineMs ?? QUARANTINE_MS;
  const threshold = options.terminatedPodThreshold ?? DEFAULT_TERMINATED_POD_THRESHOLD;
  const pods = new Informer<Pod>(api, 'v1', 'Pod').start(signal);
  const nodes = new Informer(api, 'v1', 'Node').start(signal);
  /** The delaying node queue: a node name becomes due quarantineTime after it was first seen missing. */
  const quarantined = new Map<string, number>();
  const queue = new WorkQueue({ clock, signal, process: gc, onError: logError(MANAGER) });
  const tick = () => {
    queue.add('gc');
    clock.setTimer(period, tick, signal);
  };
  tick();

  function gc(): void {
    const all = pods.list();
    if (threshold > 0) gcTerminated(all);
    gcTerminating(all);
    gcOrphaned(all);
    for (const pod of all) {
      if (pod.metadata.deletionTimestamp && !pod.spec.nodeName) markFailedAndDelete(api, pod, clock.now());
    }
  }

  function gcTerminated(all: Pod[]): void {
    const terminated = all.filter(isPodTerminated);
    const excess = terminated.length - threshold;
    if (excess <= 0) return;
    for (const pod of oldestEvictedFirst(terminated).slice(0, excess)) markFailedAndDelete(api, pod, clock.now());
  }

  function gcTerminating(all: Pod[]): void {
    for (const pod of all) {
      if (!pod.metadata.deletionTimestamp || !pod.spec.nodeName) continue;
      const node = nodes.get(undefined, pod.spec.nodeName);
      if (!node) continue;
      const spec = node['spec'] as { taints?: { key: string; effect: string }[] } | undefined;
      const outOfService = spec?.taints?.some((t) => t.key === OUT_OF_SERVICE_TAINT && t.effect === 'NoExecute');
      const ready = (node['status'] as { conditions?: Condition[] } | undefined)?.conditions?.find(
        (c) => c.type === 'Ready',
      );
      if (outOfService && ready?.status !== 'True') markFailedAndDelete(api, pod, clock.now());
    }
  }

  function gcOrphaned(all: Pod[]): void {
    const now = clock.now();
    for (const pod of all) {
      const node = pod.spec.nodeName;
      if (node && !nodes.get(undefined, node) && !quarantined.has(node)) quarantined.set(node, now + quarantine);
    }
    const deleted = new Set<string>();
    for (const [node, due] of quarantined) {
      if (due > now) continue;
      quarantined.delete(node);
      // discoverDeletedNodes: the cache may lag, so the API has the last word.
      if (!nodes.get(undefined, node) && !api.get('v1', 'Node', undefined, node)) deleted.add(node);
    }
    for (const pod of all) {
      if (!pod.spec.nodeName || !deleted.has(pod.spec.nodeName)) continue;
      markFailedAndDelete(api, pod, now, {
        type: 'DisruptionTarget',
        status: 'True',
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
      });
    }
  }
}

/**
 * markFailedAndDeletePodWithCondition: a pod not yet terminal is marked Failed (with the condition, if any) — a pod
 * of a vanished node would otherwise stay Running for ever — then deleted with grace period 0.
 */
function markFailedAndDelete(api: KubeApi, pod: Pod, now: number, condition?: Condition): void {
  const current = api.get('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!) as Pod | undefined;
  if (!current || current.metadata.uid !== pod.metadata.uid) return;
  if (!isTerminal(current)) {
    const status = structuredClone(current.status ?? {});
    status.phase = 'Failed';
    if (condition) {
      const existing = podCondition(current, condition.type);
      const at = existing?.status === condition.status ? existing.lastTransitionTime : formatTime(now);
      status.conditions = [
        ...(status.conditions ?? []).filter((c) => c.type !== condition.type),
        { ...condition, ...(at ? { lastTransitionTime: at } : {}) },
      ];
    }
    api.update({ ...structuredClone(current), status }, { subresource: 'status', fieldManager: MANAGER });
  }
  api.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!, {
    gracePeriodSeconds: 0,
    preconditions: { uid: pod.metadata.uid! },
  });
}

function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}
