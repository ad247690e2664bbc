import { type FilterPlugin, reject } from '../framework/types.ts';
import { tolerates } from './tolerations.ts';

/** The taint `kubectl cordon` implies; tolerating it lets a pod onto a cordoned node (K: v1.TaintNodeUnschedulable). */
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

/** K: plugins/nodeunschedulable: spec.unschedulable rejects pods that do not tolerate the unschedulable taint. */
export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(pod, node) {
    if (!node.node?.spec?.unschedulable || tolerates(pod.pod.spec?.tolerations, UNSCHEDULABLE_TAINT)) return undefined;
    return reject('UnschedulableAndUnresolvable', 'node(s) were unschedulable');
  },
};
