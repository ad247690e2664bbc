import { formatTime } from '../../../clock/index.ts';
import { messageOf } from '../../../errors.ts';
import type { KubeObject } from '../../object.ts';
import { clone, isPodReady, type Pod, type Taint } from '../endpointslice/pod.ts';
import type { ControllerContext } from '../runtime/controller-context.ts';
import { Informer } from '../runtime/informer.ts';
import { logError, WorkQueue } from '../runtime/work-queue.ts';
import { conditionsOf, nodeHealth } from './node-health.ts';
import {
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
  taintsOf,
} from './taints.ts';
import { type ZoneState, zoneKey, zoneStates } from './zone-state.ts';

const MANAGER = 'node-lifecycle-controller';
const SOURCE = { component: 'node-controller' };

export interface NodeLifecycleOptions {
  /** --node-monitor-period (K: cmd/kube-controller-manager options, default 5 s). */
  monitorPeriodMs?: number;
  /**
   * --node-monitor-grace-period: 50 s since v1.32 (K: PR #124227 raised it from 40 s so that it exceeds the
   * kubelet's 40 s lease duration; pkg/controller/nodelifecycle/config/v1alpha1/defaults.go). The kind provider
   * shortens it.
   */
  gracePeriodMs?: number;
  /** --node-startup-grace-period (default 60 s). */
  startupGracePeriodMs?: number;
  /** --node-eviction-rate (0.1 nodes/s) and --secondary-node-eviction-rate (0.01). */
  evictionRate?: number;
  secondaryEvictionRate?: number;
  /** --large-cluster-size-threshold (50) and --unhealthy-zone-threshold (0.55). */
  largeClusterThreshold?: number;
  unhealthyZoneThreshold?: number;
}

/** Condition → NoSchedule taint (K: node_lifecycle_controller.go nodeConditionToTaintKeyStatusMap). */
const NO_SCHEDULE_BY_CONDITION: [condition: string, status: string, key: string][] = [
  ['Ready', 'False', TAINT_NOT_READY],
  ['Ready', 'Unknown', TAINT_UNREACHABLE],
  ['MemoryPressure', 'True', TAINT_MEMORY_PRESSURE],
  ['DiskPressure', 'True', TAINT_DISK_PRESSURE],
  ['PIDPressure', 'True', TAINT_PID_PRESSURE],
  ['NetworkUnavailable', 'True', TAINT_NETWORK_UNAVAILABLE],
];
const NO_SCHEDULE_KEYS = new Set([...NO_SCHEDULE_BY_CONDITION.map(([, , k]) => k), TAINT_UNSCHEDULABLE]);

/**
 * The node lifecycle controller (K: pkg/controller/nodelifecycle/node_lifecycle_controller.go), run every
 * monitor period:
 * - nodes whose heartbeats (Lease and Ready condition) are older than the grace period get Unknown conditions,
 *   a NodeNotReady event, and their pods' Ready condition set False (MarkPodsNotReady, which takes them out of
 *   endpoints);
 * - NoSchedule taints mirror conditions and spec.unschedulable; NoExecute taints not-ready (Ready=False) and
 *   unreachable (Ready=Unknown) are added, and removed once Ready is True, feeding the taint eviction controller.
 *
 * Eviction rate limiting, simplified: the real controller queues nodes to taint per zone in a rate-limited timed
 * queue drained every 100 ms; here each zone has a token bucket (burst 1, --node-eviction-rate) checked on each
 * monitor pass, so a second node in the same zone is tainted on the first pass at least 1/rate seconds later.
 * Zone states are as real: a partially disrupted zone in a cluster of ≤ 50 nodes stops tainting (rate 0); when
 * every zone is fully disrupted, tainting stops and existing NoExecute taints are removed ("master disruption").
 */
export function startNodeLifecycleController(ctx: ControllerContext, options: NodeLifecycleOptions = {}): void {
  const { api, clock, signal, events } = ctx;
  const monitorPeriod = options.monitorPeriodMs ?? 5_000;
  const health = {
    gracePeriodMs: options.gracePeriodMs ?? 50_000,
    startupGracePeriodMs: options.startupGracePeriodMs ?? 60_000,
  };
  const nodes = new Informer(api, 'v1', 'Node');
  const leases = new Informer(api, 'coordination.k8s.io/v1', 'Lease');
  const pods = new Informer<Pod>(api, 'v1', 'Pod').addIndex('node', (p) => (p.spec.nodeName ? [p.spec.nodeName] : []));
  /** When each zone may next have a node tainted NoExecute (token bucket, burst 1). */
  const nextTaintAt = new Map<string, number>();
  let allDisrupted = false;

  // Node changes (cordon, pressure conditions) retaint at once; pods updated on a not-ready node go not-ready.
  const nodeQueue = new WorkQueue({
    clock,
    signal,
    process: (name) => noScheduleTaints(name),
    onError: logError(MANAGER),
  });
  const podQueue = new WorkQueue({ clock, signal, process: (key) => processPod(key), onError: logError(MANAGER) });
  nodes.on({ added: (n) => nodeQueue.add(n.metadata.name!), updated: (_o, n) => nodeQueue.add(n.metadata.name!) });
  pods.on({
    added: (p) => p.spec.nodeName && podQueue.add(`${p.metadata.namespace}/${p.metadata.name}`),
    updated: (_o, p) => p.spec.nodeName && podQueue.add(`${p.metadata.namespace}/${p.metadata.name}`),
  });
  nodes.start(signal);
  leases.start(signal);
  pods.start(signal);

  const tick = () => {
    try {
      monitor();
    } finally {
      clock.setTimer(monitorPeriod, tick, signal);
    }
  };
  clock.setTimer(monitorPeriod, tick, signal);

  function monitor(): void {
    for (const node of nodes.list()) {
      attempt(node, () => updateHealth(node.metadata.name!));
    }
    const all = nodes.list();
    const states = zoneStates(all, options.unhealthyZoneThreshold ?? 0.55);
    allDisrupted = all.length > 0 && [...states.values()].every((s) => s === 'FullDisruption');
    for (const node of nodes.list()) {
      attempt(node, () => {
        noScheduleTaints(node.metadata.name!);
        noExecuteTaints(node.metadata.name!, states.get(zoneKey(node)) ?? 'Normal', all.length);
      });
    }
  }

  function attempt(node: KubeObject, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      // Retried on the next monitor pass, as the real controller does.
      process.stderr.write(`${MANAGER}: node ${node.metadata.name}: ${messageOf(error)} (will retry)\n`);
    }
  }

  function updateHealth(name: string): void {
    const node = nodes.get(undefined, name);
    if (!node) return;
    const result = nodeHealth(node, leases.get('kube-node-lease', name), { now: clock.now(), ...health });
    if (result.conditions) {
      api.update(
        { ...clone(node), status: { ...clone((node['status'] ?? {}) as object), conditions: result.conditions } },
        { subresource: 'status', fieldManager: MANAGER },
      );
    }
    if (result.currentReady !== 'True' && result.observedReady === 'True') {
      events.record(node, SOURCE, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
      for (const pod of pods.byIndex('node', name)) markPodNotReady(pod);
    }
  }

  /** MarkPodsNotReady (K: pkg/controller/util/node/controller_utils.go): the Ready condition goes False. */
  function markPodNotReady(pod: Pod): void {
    if (!isPodReady(pod)) return;
    const next = clone(pod);
    const now = formatTime(clock.now());
    next.status!.conditions = next.status!.conditions!.map((c) =>
      c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c,
    );
    api.update(next, { subresource: 'status', fieldManager: MANAGER });
    events.record(pod, SOURCE, 'Warning', 'NodeNotReady', 'Node is not ready');
  }

  /** processPod: a pod reported Ready on a node that is not Ready is marked not ready again. */
  function processPod(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const pod = pods.get(namespace, name);
    if (!pod?.spec.nodeName || !isPodReady(pod)) return;
    const node = nodes.get(undefined, pod.spec.nodeName);
    const ready = node && conditionsOf(node).find((c) => c.type === 'Ready');
    if (ready && ready.status !== 'True') markPodNotReady(pod);
  }

  /** doNoScheduleTaintingPass. */
  function noScheduleTaints(name: string): void {
    const node = nodes.get(undefined, name);
    if (!node) return;
    const conditions = conditionsOf(node);
    const wanted = new Set<string>();
    for (const [type, status, key] of NO_SCHEDULE_BY_CONDITION) {
      if (conditions.some((c) => c.type === type && c.status === status)) wanted.add(key);
    }
    if ((node['spec'] as { unschedulable?: boolean } | undefined)?.unschedulable) wanted.add(TAINT_UNSCHEDULABLE);
    const taints = taintsOf(node);
    const kept = taints.filter(
      (t) => !(t.effect === 'NoSchedule' && NO_SCHEDULE_KEYS.has(t.key) && !wanted.has(t.key)),
    );
    const have = new Set(kept.filter((t) => t.effect === 'NoSchedule').map((t) => t.key));
    const added: Taint[] = [...wanted].filter((k) => !have.has(k)).map((key) => ({ key, effect: 'NoSchedule' }));
    if (added.length === 0 && kept.length === taints.length) return;
    writeTaints(node, [...kept, ...added]);
  }

  /** doNoExecuteTaintingPass / markNodeAsReachable, behind the zone's rate limit and disruption state. */
  function noExecuteTaints(name: string, state: ZoneState, clusterSize: number): void {
    const node = nodes.get(undefined, name);
    if (!node) return;
    const ready = conditionsOf(node).find((c) => c.type === 'Ready')?.status;
    const taints = taintsOf(node);
    const isOurs = (t: Taint) => t.effect === 'NoExecute' && (t.key === TAINT_NOT_READY || t.key === TAINT_UNREACHABLE);
    const wantedKey = ready === 'False' ? TAINT_NOT_READY : ready === 'Unknown' ? TAINT_UNREACHABLE : undefined;
    if (!wantedKey || allDisrupted) {
      if (taints.some(isOurs))
        writeTaints(
          node,
          taints.filter((t) => !isOurs(t)),
        );
      return;
    }
    if (taints.some((t) => isOurs(t) && t.key === wantedKey)) {
      // Swap not-ready ↔ unreachable at once when the kind of failure changes (SwapNodeControllerTaint).
      if (taints.some((t) => isOurs(t) && t.key !== wantedKey))
        writeTaints(
          node,
          taints.filter((t) => !isOurs(t) || t.key === wantedKey),
        );
      return;
    }
    const rate = evictionRate(state, clusterSize);
    const zone = zoneKey(node);
    if (rate <= 0 || clock.now() < (nextTaintAt.get(zone) ?? 0)) return;
    nextTaintAt.set(zone, clock.now() + 1000 / rate);
    writeTaints(node, [
      ...taints.filter((t) => !isOurs(t)),
      { key: wantedKey, effect: 'NoExecute', timeAdded: formatTime(clock.now()) },
    ]);
  }

  /** setLimiterInZone / ReducedQPSFunc (K: node_lifecycle_controller.go). */
  function evictionRate(state: ZoneState, clusterSize: number): number {
    if (state === 'PartialDisruption') {
      return clusterSize <= (options.largeClusterThreshold ?? 50) ? 0 : (options.secondaryEvictionRate ?? 0.01);
    }
    return options.evictionRate ?? 0.1;
  }

  function writeTaints(node: KubeObject, taints: Taint[]): void {
    const next = clone(node);
    next['spec'] = { ...((next['spec'] ?? {}) as object), taints };
    if (taints.length === 0) delete (next['spec'] as { taints?: Taint[] }).taints;
    api.update(next, { fieldManager: MANAGER });
  }
}
