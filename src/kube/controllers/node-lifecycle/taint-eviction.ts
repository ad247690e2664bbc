import { formatTime } from '../../../clock/index.ts';
import { jsonEqual } from '../../../json/json-equal.ts';
import type { KubeObject } from '../../object.ts';
import { clone, type Pod } from '../endpointslice/pod.ts';
import type { ControllerContext } from '../runtime/controller-context.ts';
import { Informer, keyOf } from '../runtime/informer.ts';
import { logError, WorkQueue } from '../runtime/work-queue.ts';
import { matchingTolerations, minTolerationMs, taintsOf } from './taints.ts';

const MANAGER = 'taint-eviction-controller';
const SOURCE = { component: 'taint-eviction-controller' };

interface Scheduled {
  createdAt: number;
  fireAt: number;
  cancel: () => void;
}

/**
 * The taint eviction controller, formerly the taint manager (K: pkg/controller/tainteviction/taint_eviction.go):
 * a pod on a node with NoExecute taints it does not tolerate is deleted at once; one that tolerates them all is
 * deleted after the smallest tolerationSeconds among the tolerations used (counted from when the taint was seen),
 * never when none of them sets seconds. A scheduled eviction is cancelled when the taints go away. Deleting
 * first adds the DisruptionTarget condition (reason DeletionByTaintManager), as v1.31+ does; the pod then stays
 * Terminating until its kubelet finishes it, which an unreachable node's never does.
 */
export function startTaintEvictionController(ctx: ControllerContext): void {
  const { api, clock, signal, events } = ctx;
  const nodes = new Informer(api, 'v1', 'Node');
  const pods = new Informer<Pod>(api, 'v1', 'Pod').addIndex('node', (p) => (p.spec.nodeName ? [p.spec.nodeName] : []));
  const scheduled = new Map<string, Scheduled>();
  const queue = new WorkQueue({ clock, signal, process: (key) => processPod(key), onError: logError(MANAGER) });
  const enqueuePod = (p: Pod) => queue.add(keyOf(p.metadata.namespace, p.metadata.name!));
  const noExecute = (n: KubeObject) => taintsOf(n).filter((t) => t.effect === 'NoExecute');
  nodes.on({
    added: (n) => pods.byIndex('node', n.metadata.name!).forEach(enqueuePod),
    updated: (o, n) => {
      if (!jsonEqual(noExecute(o), noExecute(n))) pods.byIndex('node', n.metadata.name!).forEach(enqueuePod);
    },
    deleted: (n) => pods.byIndex('node', n.metadata.name!).forEach(enqueuePod),
  });
  pods.on({
    added: enqueuePod,
    updated: (o, p) => {
      if (o.spec.nodeName !== p.spec.nodeName || !jsonEqual(o.spec.tolerations, p.spec.tolerations)) enqueuePod(p);
    },
    deleted: (p) => cancel(keyOf(p.metadata.namespace, p.metadata.name!), false),
  });
  nodes.start(signal);
  pods.start(signal);

  function processPod(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const pod = pods.get(namespace, name);
    const node = pod?.spec.nodeName ? nodes.get(undefined, pod.spec.nodeName) : undefined;
    if (!pod || !node || pod.metadata.deletionTimestamp) {
      cancel(key, false);
      return;
    }
    const taints = noExecute(node);
    if (taints.length === 0) {
      cancel(key, true);
      return;
    }
    const { all, used } = matchingTolerations(taints, pod.spec.tolerations ?? []);
    const now = clock.now();
    if (!all) {
      cancel(key, false);
      evict(pod);
      return;
    }
    const min = minTolerationMs(used);
    if (min === Number.POSITIVE_INFINITY) {
      cancel(key, true);
      return;
    }
    // An eviction already scheduled keeps its start time; it stands unless the new one would come sooner.
    const existing = scheduled.get(key);
    const createdAt = existing?.createdAt ?? now;
    if (existing && createdAt + min < now + min) return;
    cancel(key, false);
    const fireAt = createdAt + min;
    const stop = clock.setTimer(
      fireAt - now,
      () => {
        scheduled.delete(key);
        const current = pods.get(namespace, name);
        if (current && current.metadata.uid === pod.metadata.uid) evict(current);
      },
      signal,
    );
    scheduled.set(key, { createdAt, fireAt, cancel: stop });
  }

  function cancel(key: string, withEvent: boolean): void {
    const existing = scheduled.get(key);
    if (!existing) return;
    existing.cancel();
    scheduled.delete(key);
    const [namespace, name] = key.split('/') as [string, string];
    const pod = pods.get(namespace, name);
    if (withEvent && pod)
      events.record(pod, SOURCE, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  /** addConditionAndDeletePod. */
  function evict(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) return;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    events.record(pod, SOURCE, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    const next = clone(pod);
    const now = formatTime(clock.now());
    const conditions = (next.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
    conditions.push({
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
      lastTransitionTime: now,
    });
    next.status = { ...(next.status ?? {}), conditions };
    api.update(next, { subresource: 'status', fieldManager: MANAGER });
    api.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!, { preconditions: { uid: pod.metadata.uid! } });
  }
}
