import { defaultNormalize, type FilterPlugin, reject, type ScorePlugin } from '../framework/types.ts';
import { matchesRequiredAffinity, termMatches } from './node-selector.ts';

/** K: plugins/nodeaffinity ErrReasonPod. */
export const NODE_AFFINITY_REASON = "node(s) didn't match Pod's node affinity/selector";

/** Filter: nodeSelector and requiredDuringSchedulingIgnoredDuringExecution. */
export const nodeAffinityFilter: FilterPlugin = {
  name: 'NodeAffinity',
  filter(pod, node) {
    if (!node.node || matchesRequiredAffinity(pod.pod, node.node)) return undefined;
    return reject('UnschedulableAndUnresolvable', NODE_AFFINITY_REASON);
  },
};

/** Score: the summed weights of the preferred terms a node matches, scaled against the best node. */
export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  score(pod, nodes) {
    const preferred = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (preferred.length === 0) return undefined;
    const raw = nodes.map((n) =>
      preferred.reduce(
        (sum, p) => sum + (p.weight !== 0 && n.node && termMatches(p.preference, n.node) ? p.weight : 0),
        0,
      ),
    );
    return defaultNormalize(raw, false);
  },
};
