import { defaultNormalize, type FilterPlugin, reject, type ScorePlugin } from '../framework/types.ts';
import type { Toleration } from '../pod/types.ts';
import { firstUntolerated, tolerates } from './tolerations.ts';

const FILTERED_EFFECTS = ['NoSchedule', 'NoExecute'] as const;

/**
 * K: plugins/tainttoleration. Filter: the first NoSchedule/NoExecute taint the pod does not tolerate rejects the
 * node, named in the message. Score: fewer untolerated PreferNoSchedule taints is better.
 */
export const taintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  filter(pod, node) {
    const taint = firstUntolerated(node.node?.spec?.taints, pod.pod.spec?.tolerations, FILTERED_EFFECTS);
    if (!taint) return undefined;
    return reject('UnschedulableAndUnresolvable', `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score(pod, nodes) {
    // Only tolerations that can apply to PreferNoSchedule count (K: getAllTolerationPreferNoSchedule).
    const preferNoSchedule: Toleration[] = (pod.pod.spec?.tolerations ?? []).filter(
      (t) => !t.effect || t.effect === 'PreferNoSchedule',
    );
    const raw = nodes.map(
      (n) =>
        (n.node?.spec?.taints ?? []).filter((t) => t.effect === 'PreferNoSchedule' && !tolerates(preferNoSchedule, t))
          .length,
    );
    return defaultNormalize(raw, true);
  },
};
