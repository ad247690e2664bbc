import { isPodReady, type Pod } from '../endpointslice/pod.ts';
import type { PodTemplateSpec } from '../statefulset/types.ts';
import { nodeShouldRunDaemonPod } from './eligibility.ts';
import { isAvailable, oldestFirst } from './pod-state.ts';
import type { SyncPlan } from './rolling-update.ts';
import { type DaemonSet, type Node, REVISION_HASH_LABEL } from './types.ts';

export interface ManagePlan extends SyncPlan {
  /** Failed daemon pods found (each deleted, with a FailedDaemonPod warning). */
  failed: { pod: Pod; node: string }[];
}

/**
 * manage and podsShouldBeOnNode (K: pkg/controller/daemon/daemon_controller.go, v1.32): a node that should run the
 * daemon and has none gets one; a node where it may keep running loses failed pods and duplicates (the oldest is
 * kept; with surge an updated pod may sit beside a ready old one until it is available); a node where it may not
 * run loses all of them. Unbound pods aimed at nodes that no longer exist are deleted (PodGC only handles bound ones).
 */
export function planManage(options: {
  ds: DaemonSet;
  template: PodTemplateSpec;
  nodes: Node[];
  nodeToPods: Map<string, Pod[]>;
  hash: string;
  surge: boolean;
  now: number;
}): ManagePlan {
  const { ds, nodeToPods, hash, now } = options;
  const plan: ManagePlan = { podsToDelete: [], nodesToCreate: [], failed: [] };
  for (const node of options.nodes) {
    const name = node.metadata.name!;
    const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, options.template);
    const pods = nodeToPods.get(name);
    if (shouldRun && !pods) {
      plan.nodesToCreate.push(name);
    } else if (shouldContinueRunning && pods) {
      const running: Pod[] = [];
      for (const pod of pods) {
        if (pod.metadata.deletionTimestamp) continue;
        if (pod.status?.phase === 'Failed') plan.failed.push({ pod, node: name });
        else running.push(pod);
      }
      plan.podsToDelete.push(...excessPods(ds, oldestFirst(running), hash, options.surge, now));
    } else if (!shouldContinueRunning && pods) {
      plan.podsToDelete.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
    }
  }
  const existing = new Set(options.nodes.map((n) => n.metadata.name!));
  for (const [node, pods] of nodeToPods) {
    if (!existing.has(node)) plan.podsToDelete.push(...pods.filter((p) => !p.spec.nodeName));
  }
  return plan;
}

function excessPods(ds: DaemonSet, running: Pod[], hash: string, surge: boolean, now: number): Pod[] {
  if (running.length <= 1) return [];
  if (!surge) return running.slice(1);
  const excess: Pod[] = [];
  let oldestNew: Pod | undefined;
  let oldestOld: Pod | undefined;
  for (const pod of running) {
    const updated = pod.metadata.labels?.[REVISION_HASH_LABEL] === hash;
    if (updated && !oldestNew) oldestNew = pod;
    else if (!updated && !oldestOld) oldestOld = pod;
    else excess.push(pod);
  }
  if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isAvailable(oldestNew, ds, now))) excess.push(oldestOld);
  return excess;
}
