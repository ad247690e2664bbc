import { matchesRequiredAffinity } from '../../scheduler/plugins/node-selector.ts';
import type { Node as SchedulerNode, Pod as SchedulerPod } from '../../scheduler/pod/types.ts';
import type { Pod, Taint } from '../endpointslice/pod.ts';
import { toleratesTaint } from '../node-lifecycle/taints.ts';
import type { PodTemplateSpec } from '../statefulset/types.ts';
import type { Node } from './types.ts';

export interface Eligibility {
  /** A daemon pod should be created here. */
  shouldRun: boolean;
  /** A daemon pod already here may stay. */
  shouldContinueRunning: boolean;
}

/**
 * NodeShouldRunDaemonPod (K: pkg/controller/daemon/daemon_controller.go, v1.32), for the template with its daemon
 * tolerations: the node must match spec.nodeName, nodeSelector and required node affinity; every NoSchedule and
 * NoExecute taint must be tolerated for a new pod, and every NoExecute taint for an existing one to stay.
 */
export function nodeShouldRunDaemonPod(node: Node, template: PodTemplateSpec): Eligibility {
  const no = { shouldRun: false, shouldContinueRunning: false };
  const nodeName = template.spec.nodeName;
  if (nodeName && nodeName !== node.metadata.name) return no;
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: template.spec } as Pod;
  if (!matchesRequiredAffinity(pod as unknown as SchedulerPod, node as SchedulerNode)) return no;
  const taints = (node.spec?.taints ?? []) as Taint[];
  const tolerations = template.spec.tolerations ?? [];
  const untolerated = (effects: string[]) =>
    taints.some((t) => effects.includes(t.effect) && !tolerations.some((tol) => toleratesTaint(tol, t)));
  if (untolerated(['NoSchedule', 'NoExecute'])) {
    return { shouldRun: false, shouldContinueRunning: !untolerated(['NoExecute']) };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}
