import type { Clock } from '../../../clock/index.ts';
import type { KubeApi } from '../../apiserver/kube-api.ts';
import type { EventRecorder, EventType } from '../runtime/event-recorder.ts';
import type { Deployment, DeploymentStatus } from './types.ts';

export const COMPONENT = 'deployment-controller';

/** What one sync of one Deployment works with; `d` is replaced by each status write so later writes are current. */
export interface SyncState {
  api: KubeApi;
  clock: Clock;
  events: EventRecorder;
  d: Deployment;
  enqueueAfter(ms: number): void;
  enqueueRateLimited(): void;
}

export function record(s: SyncState, type: EventType, reason: string, message: string): void {
  s.events.record(s.d, { component: COMPONENT }, type, reason, message);
}

/**
 * PUT /status. The annotations travel too: a real API server takes a Deployment's annotations from a status write
 * (K: pkg/registry/apps/deployment/strategy.go deploymentStatusStrategy keeps only spec and labels), which is how
 * the controller sets deployment.kubernetes.io/revision without bumping the generation.
 */
export function writeStatus(s: SyncState, status: DeploymentStatus, annotations = s.d.metadata.annotations): void {
  const body: Deployment = {
    ...s.d,
    metadata: { ...s.d.metadata, ...(annotations ? { annotations } : {}) },
    status,
  };
  s.d = s.api.update(body, { subresource: 'status' }) as Deployment;
}
