export { startDaemonSetController } from './daemonset-controller.ts';
export { type Eligibility, nodeShouldRunDaemonPod } from './eligibility.ts';
export { daemonTolerations } from './tolerations.ts';
export { type DaemonSet, REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL } from './types.ts';
