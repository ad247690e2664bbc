import { formatTime } from '../../../clock/index.ts';
import type { NodeCondition } from './node-types.ts';

/**
 * The conditions a healthy kubelet reports, in its order and words (K: pkg/kubelet/nodestatus/setters.go
 * MemoryPressureCondition, DiskPressureCondition, PIDPressureCondition, ReadyCondition). Every post refreshes
 * lastHeartbeatTime; lastTransitionTime moves only when a status changes (e.g. Unknown → True after an outage).
 */
export function healthyConditions(previous: NodeCondition[] | undefined, now: number): NodeCondition[] {
  const at = formatTime(now);
  const wanted: Omit<NodeCondition, 'lastHeartbeatTime' | 'lastTransitionTime'>[] = [
    {
      type: 'MemoryPressure',
      status: 'False',
      reason: 'KubeletHasSufficientMemory',
      message: 'kubelet has sufficient memory available',
    },
    {
      type: 'DiskPressure',
      status: 'False',
      reason: 'KubeletHasNoDiskPressure',
      message: 'kubelet has no disk pressure',
    },
    {
      type: 'PIDPressure',
      status: 'False',
      reason: 'KubeletHasSufficientPID',
      message: 'kubelet has sufficient PID available',
    },
    { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
  ];
  return wanted.map((c) => {
    const old = previous?.find((p) => p.type === c.type);
    const lastTransitionTime = old && old.status === c.status ? old.lastTransitionTime : at;
    return {
      type: c.type,
      status: c.status,
      lastHeartbeatTime: at,
      lastTransitionTime,
      reason: c.reason,
      message: c.message,
    };
  });
}

/** Whether the node's conditions are what this kubelet would report (not Unknown after an outage, for instance). */
export function isHealthy(conditions: NodeCondition[] | undefined): boolean {
  const expected: Record<string, string> = {
    MemoryPressure: 'False',
    DiskPressure: 'False',
    PIDPressure: 'False',
    Ready: 'True',
  };
  return Object.entries(expected).every(
    ([type, status]) => conditions?.find((c) => c.type === type)?.status === status,
  );
}
