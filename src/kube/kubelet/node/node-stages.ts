import type { KubeObject } from '../../object.ts';
import { LEASE_RENEW_JITTER, LEASE_RENEW_MS, NODE_STATUS_REPORT_MS, NODE_STATUS_UPDATE_MS } from '../defaults.ts';
import type { Profile } from '../engine/stage.ts';
import { healthyConditions, isHealthy } from './node-conditions.ts';
import type { NodeStatus } from './node-types.ts';

/**
 * The node agent's own transitions: status posted when it differs from what the kubelet sees (back from an outage:
 * Ready again) or every 5 min, and the Lease renewed every 10 s (± 4 %). Pure data over Node and Lease objects.
 */
export function nodeProfile(): Profile<unknown> {
  return [
    {
      name: 'node-status-changed',
      kind: 'Node',
      selector: (node) => !isHealthy(statusOf(node).conditions),
      next: (node, env) => ({
        status: { ...statusOf(node), conditions: healthyConditions(statusOf(node).conditions, env.now) },
      }),
    },
    {
      name: 'node-status-report',
      kind: 'Node',
      selector: (node) => isHealthy(statusOf(node).conditions),
      delay(node, env) {
        const ready = statusOf(node).conditions?.find((c) => c.type === 'Ready');
        const last = ready ? Date.parse(ready.lastHeartbeatTime) : env.now;
        // Checked every nodeStatusUpdateFrequency, so it goes out up to 10 s after the 5 min are up.
        return {
          ms: Math.max(0, last + NODE_STATUS_REPORT_MS - env.now),
          jitterFraction: NODE_STATUS_UPDATE_MS / NODE_STATUS_REPORT_MS,
        };
      },
      next: (node, env) => ({
        status: { ...statusOf(node), conditions: healthyConditions(statusOf(node).conditions, env.now) },
      }),
    },
    {
      name: 'lease-renew',
      kind: 'Lease',
      selector: () => true,
      delay(lease, env) {
        const renewTime = (lease['spec'] as { renewTime?: string } | undefined)?.renewTime;
        const last = renewTime ? Date.parse(renewTime) : env.now - LEASE_RENEW_MS;
        return { ms: Math.max(0, last + LEASE_RENEW_MS - env.now), jitterFraction: LEASE_RENEW_JITTER };
      },
      next: (lease, env) => ({ spec: { ...(lease['spec'] as object), renewTime: microTimeOf(env.now) } }),
    },
  ];
}

function statusOf(node: KubeObject): NodeStatus {
  return (node['status'] ?? {}) as NodeStatus;
}

/** MicroTime, as Leases carry it: 2026-01-01T00:00:10.000000Z. */
export function microTimeOf(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000Z');
}
