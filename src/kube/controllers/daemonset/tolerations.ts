import type { Toleration } from '../endpointslice/pod.ts';
import {
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
} from '../node-lifecycle/taints.ts';

/**
 * AddOrUpdateDaemonPodTolerations (K: pkg/controller/daemon/util/daemonset_util.go): daemon pods ride out node
 * trouble — not-ready and unreachable NoExecute with no tolerationSeconds (never evicted), and NoSchedule for disk,
 * memory and PID pressure, cordoned nodes and, with hostNetwork, an unavailable network.
 */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const exists = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });
  return [
    exists(TAINT_NOT_READY, 'NoExecute'),
    exists(TAINT_UNREACHABLE, 'NoExecute'),
    exists(TAINT_DISK_PRESSURE, 'NoSchedule'),
    exists(TAINT_MEMORY_PRESSURE, 'NoSchedule'),
    exists(TAINT_PID_PRESSURE, 'NoSchedule'),
    exists(TAINT_UNSCHEDULABLE, 'NoSchedule'),
    ...(hostNetwork ? [exists(TAINT_NETWORK_UNAVAILABLE, 'NoSchedule')] : []),
  ];
}

/**
 * AddOrUpdateTolerationInPodSpec: a toleration matching one already there (same key, operator, value and effect)
 * replaces it — so a user's tolerationSeconds on not-ready is dropped — otherwise it is appended.
 */
export function addOrUpdateTolerations(existing: readonly Toleration[], added: readonly Toleration[]): Toleration[] {
  const result = existing.map((t) => ({ ...t }));
  for (const toleration of added) {
    const index = result.findIndex(
      (t) =>
        (t.key ?? '') === (toleration.key ?? '') &&
        (t.operator ?? 'Equal') === (toleration.operator ?? 'Equal') &&
        (t.value ?? '') === (toleration.value ?? '') &&
        (t.effect ?? '') === (toleration.effect ?? ''),
    );
    if (index >= 0) result[index] = { ...toleration };
    else result.push({ ...toleration });
  }
  return result;
}
