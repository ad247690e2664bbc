import { messageOf } from '../../errors.ts';
import type { ControllerContext } from '../controllers/runtime/controller-context.ts';
import type { EventSource } from '../controllers/runtime/event-recorder.ts';
import { Informer } from '../controllers/runtime/informer.ts';
import { type Binder, defaultBinder } from './binder.ts';
import { SchedulerCache } from './cache/scheduler-cache.ts';
import { defaultSelector, type WorkloadInformers } from './default-selector.ts';
import { fitErrorMessage, truncateMessage } from './framework/fit-error.ts';
import { type SchedulingAlgorithm, schedulePod } from './framework/schedule-pod.ts';
import type { ScoreContext } from './framework/types.ts';
import { FILTERS, SCORERS } from './plugins/table.ts';
import { podInfo } from './pod/pod-info.ts';
import { type Node, type Pod, podKey } from './pod/types.ts';
import { setPodScheduled } from './pod-status.ts';
import { SchedulingQueue } from './queue/scheduling-queue.ts';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

export interface SchedulerOptions {
  /** Pods whose spec.schedulerName is this are ours (K: the default profile's name). */
  schedulerName?: string;
  /** How pods are bound; defaults to KubeApi's bind when it has one (see binder.ts). */
  binder?: Binder;
  /** Told about unexpected failures (the pod is retried after back-off); defaults to a line on stderr. */
  onError?: (pod: string, error: unknown) => void;
}

export interface StartedScheduler {
  /** How many pods wait where: active, backoff, unschedulable, gated, in-flight. */
  queueStats(): Record<string, number>;
}

/** Pods yielded to the event loop between, so HTTP requests and timers interleave with a 10,000-pod backlog. */
const YIELD_EVERY = 100;

/**
 * The embedded kube-scheduler: watches pending pods and nodes, runs the default profile's filters and scores for
 * each pending pod, binds it through pods/binding and says so with a Scheduled event; when nothing fits, sets
 * PodScheduled=False/Unschedulable with kube-scheduler's message and a FailedScheduling event, and retries when the
 * cluster changes (and after back-off). Stops when ctx.signal aborts.
 */
export function startScheduler(ctx: ControllerContext, options: SchedulerOptions = {}): StartedScheduler {
  const { api, clock, signal } = ctx;
  const schedulerName = options.schedulerName ?? DEFAULT_SCHEDULER_NAME;
  const binder = options.binder ?? defaultBinder(api);
  const onError =
    options.onError ??
    ((pod: string, error: unknown) => process.stderr.write(`scheduler: ${pod}: ${messageOf(error)} (will retry)\n`));
  const source: EventSource = { component: schedulerName };
  const algorithm: SchedulingAlgorithm = { filters: FILTERS, scorers: SCORERS, random: ctx.random };
  const cache = new SchedulerCache();
  const queue = new SchedulingQueue({ clock, signal, onActive: () => wake() });
  const pods = new Informer<Pod>(api, 'v1', 'Pod');
  const nodes = new Informer<Node>(api, 'v1', 'Node');
  const workloads: WorkloadInformers = {
    services: new Informer(api, 'v1', 'Service'),
    replicaSets: new Informer(api, 'apps/v1', 'ReplicaSet'),
    statefulSets: new Informer(api, 'apps/v1', 'StatefulSet'),
    // The embedded API server may not serve ReplicationControllers; then none own pods.
    ...(served('v1', 'ReplicationController')
      ? { replicationControllers: new Informer(api, 'v1', 'ReplicationController') }
      : {}),
  };
  function served(apiVersion: string, kind: string): boolean {
    try {
      api.type(apiVersion, kind);
      return true;
    } catch {
      return false;
    }
  }
  let nextStart = 0;
  let wakeScheduled = false;
  let draining = false;

  const ours = (pod: Pod) => (pod.spec?.schedulerName || DEFAULT_SCHEDULER_NAME) === schedulerName;
  const pending = (pod: Pod) => !pod.spec?.nodeName && !pod.metadata.deletionTimestamp && ours(pod);
  const queueOptions = (pod: Pod) => ({
    priority: pod.spec?.priority ?? 0,
    gated: (pod.spec?.schedulingGates ?? []).length > 0,
  });

  nodes.on({
    added(node) {
      cache.setNode(node);
      queue.moveAllUnschedulable();
    },
    updated(previous, node) {
      cache.setNode(node);
      if (schedulingPropertiesChanged(previous, node)) queue.moveAllUnschedulable();
    },
    deleted(node) {
      cache.removeNode(node.metadata.name!);
    },
  });

  pods.on({
    added(pod) {
      if (pod.spec?.nodeName) cache.updatePod(pod);
      else if (pending(pod)) queue.add(podKey(pod), queueOptions(pod));
    },
    updated(previous, pod) {
      const key = podKey(pod);
      if (pod.spec?.nodeName || previous.spec?.nodeName) {
        const wasCounted = counted(previous);
        cache.updatePod(pod);
        queue.delete(key);
        // A bound pod that finished frees its node (K: AssignedPodDelete, as terminal pods leave the informer).
        if (wasCounted && !counted(pod)) queue.moveAllUnschedulable();
        return;
      }
      if (!pending(pod)) queue.delete(key);
      else if (!queue.has(key) || podChanged(previous, pod)) queue.podChanged(key, queueOptions(pod));
    },
    deleted(pod) {
      queue.delete(podKey(pod));
      if (pod.spec?.nodeName) {
        cache.removePod(pod);
        queue.moveAllUnschedulable();
      }
    },
  });

  nodes.start(signal);
  for (const informer of Object.values(workloads)) informer?.start(signal);
  pods.start(signal);
  queue.start();
  wake();

  function wake(): void {
    if (wakeScheduled || draining || signal.aborted) return;
    wakeScheduled = true;
    clock.setTimer(0, () => void drain(), signal);
  }

  async function drain(): Promise<void> {
    wakeScheduled = false;
    draining = true;
    try {
      let done = 0;
      for (let key = queue.pop(); key !== undefined && !signal.aborted; key = queue.pop()) {
        try {
          scheduleOne(key);
        } catch (error) {
          onError(key, error);
          queue.failed(key, 'error');
        }
        if (++done % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      draining = false;
    }
  }

  function scheduleOne(key: string): void {
    const [namespace, name] = splitKey(key);
    const pod = pods.get(namespace, name);
    if (!pod || !pending(pod)) {
      queue.delete(key);
      return;
    }
    if (queueOptions(pod).gated) {
      // K: SchedulingGates PreEnqueue. The SchedulingGated condition is the API server's to set at creation.
      queue.park(key, 'gated');
      return;
    }
    const context: ScoreContext = {
      cache,
      allNodes: cache.nodes(),
      defaultSelector: (p) => defaultSelector(p, workloads),
    };
    const { result, nextStart: next } = schedulePod(algorithm, podInfo(pod), context, nextStart);
    nextStart = next;
    if (result.kind === 'fit') {
      bind(pod, result.node);
    } else if (result.kind === 'unschedulable') {
      fail(pod, 'Unschedulable', fitErrorMessage(pod, result.numAllNodes, result.rejections));
      queue.failed(key, 'unschedulable');
    } else {
      // K: ErrNoNodesAvailable is an error, not a FitError: retried after back-off.
      fail(pod, 'SchedulerError', 'no nodes available to schedule pods');
      queue.failed(key, 'error');
    }
  }

  function bind(pod: Pod, nodeName: string): void {
    const key = podKey(pod);
    try {
      binder(pod, nodeName);
    } catch (error) {
      // K: the DefaultBinder's error, reported by handleSchedulingFailure.
      const message = `running Bind plugin "DefaultBinder": ${messageOf(error)}`;
      record(pod, 'Warning', 'FailedScheduling', truncateMessage(message));
      const latest = pods.get(pod.metadata.namespace, pod.metadata.name!);
      if (!latest || !pending(latest)) {
        // Bound by someone else, or deleted, meanwhile: nothing left to do (K: "Abort adding it back to queue").
        queue.delete(key);
        return;
      }
      setPodScheduled(api, clock, latest, { status: 'False', reason: 'SchedulerError', message });
      queue.failed(key, 'error');
      return;
    }
    queue.delete(key);
    record(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`,
    );
  }

  function fail(pod: Pod, reason: string, message: string): void {
    record(pod, 'Warning', 'FailedScheduling', truncateMessage(message));
    setPodScheduled(api, clock, pod, { status: 'False', reason, message });
  }

  function record(pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    try {
      ctx.events.record(pod, source, type, reason, message);
    } catch (error) {
      // Events are best effort, as client-go's broadcaster drops what it cannot write.
      onError(podKey(pod), error);
    }
  }

  return { queueStats: () => queue.stats() };
}

/** Bound, not finished: what occupies a node. */
function counted(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return Boolean(pod.spec?.nodeName) && phase !== 'Succeeded' && phase !== 'Failed';
}

/** The parts of a pending pod that can change where it fits; status writes (our own included) do not count. */
function podChanged(previous: Pod, pod: Pod): boolean {
  return (
    JSON.stringify(previous.spec) !== JSON.stringify(pod.spec) ||
    JSON.stringify(previous.metadata.labels) !== JSON.stringify(pod.metadata.labels)
  );
}

/**
 * Node changes that can make a pod fit (K: eventhandlers.go nodeSchedulingPropertiesChange): cordon, allocatable,
 * labels, taints, annotations, condition statuses. Heartbeats alone do not wake the queue.
 */
function schedulingPropertiesChanged(previous: Node, node: Node): boolean {
  const facts = (n: Node) =>
    JSON.stringify([
      n.spec?.unschedulable ?? false,
      n.status?.allocatable,
      n.metadata.labels,
      n.spec?.taints,
      n.metadata.annotations,
      (n.status?.conditions ?? []).map((c) => [c.type, c.status]),
    ]);
  return facts(previous) !== facts(node);
}

function splitKey(key: string): [string | undefined, string] {
  const slash = key.indexOf('/');
  const namespace = key.slice(0, slash);
  return [namespace === '' ? undefined : namespace, key.slice(slash + 1)];
}
