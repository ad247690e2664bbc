import { formatTime } from '../../../clock/index.ts';
import type { KubeObject } from '../../object.ts';
import type { Condition } from '../endpointslice/pod.ts';

/** The conditions the controller turns Unknown (K: pkg/controller/nodelifecycle tryUpdateNodeHealth). */
const WATCHED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

export interface HealthOptions {
  now: number;
  gracePeriodMs: number;
  startupGracePeriodMs: number;
}

export interface HealthResult {
  /** The conditions to write, when they change. */
  conditions?: Condition[];
  /** The Ready condition before and after. */
  observedReady: Condition['status'] | undefined;
  currentReady: Condition['status'] | undefined;
}

export function conditionsOf(node: KubeObject): Condition[] {
  return ((node['status'] as { conditions?: Condition[] } | undefined)?.conditions ?? []).slice();
}

/**
 * tryUpdateNodeHealth (K: pkg/controller/nodelifecycle/node_lifecycle_controller.go). The last heartbeat is the
 * newer of the Lease's renewTime and the Ready condition's lastHeartbeatTime; a node that never posted Ready is
 * measured from its creation with the startup grace period. When the heartbeat is older than the grace period,
 * every watched condition becomes Unknown: "NodeStatusUnknown" / "Kubelet stopped posting node status." (or
 * "NodeStatusNeverUpdated" / "Kubelet never posted node status." for a missing one), lastTransitionTime now,
 * lastHeartbeatTime kept.
 *
 * The real controller stamps each observed change with its own clock (probeTimestamp) to survive clock skew
 * between kubelets and the control plane; the embedded cluster has one clock, so the object timestamps are that
 * observation time and tests can assert on them.
 */
export function nodeHealth(node: KubeObject, lease: KubeObject | undefined, options: HealthOptions): HealthResult {
  const conditions = conditionsOf(node);
  const ready = conditions.find((c) => c.type === 'Ready');
  const renew = (lease?.['spec'] as { renewTime?: string } | undefined)?.renewTime;
  let grace = options.gracePeriodMs;
  let probe: number;
  if (!ready) {
    probe = Date.parse(node.metadata.creationTimestamp!);
    grace = options.startupGracePeriodMs;
  } else {
    probe = Math.max(Date.parse(ready.lastHeartbeatTime ?? '') || 0, renew ? Date.parse(renew) : 0);
  }
  const result: HealthResult = { observedReady: ready?.status, currentReady: ready?.status };
  if (options.now <= probe + grace) return result;
  const now = formatTime(options.now);
  let changed = false;
  const next = conditions.map((c) => ({ ...c }));
  for (const type of WATCHED_CONDITIONS) {
    const existing = next.find((c) => c.type === type);
    if (!existing) {
      next.push({
        type,
        status: 'Unknown',
        reason: 'NodeStatusNeverUpdated',
        message: 'Kubelet never posted node status.',
        lastHeartbeatTime: node.metadata.creationTimestamp!,
        lastTransitionTime: now,
      });
      changed = true;
    } else if (existing.status !== 'Unknown') {
      existing.status = 'Unknown';
      existing.reason = 'NodeStatusUnknown';
      existing.message = 'Kubelet stopped posting node status.';
      existing.lastTransitionTime = now;
      changed = true;
    }
  }
  if (!changed) return result;
  return { conditions: next, observedReady: ready?.status, currentReady: 'Unknown' };
}
