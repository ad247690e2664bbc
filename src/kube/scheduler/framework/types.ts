import type { LabelSelector } from '../../labels/index.ts';
import type { NodeInfo } from '../cache/node-info.ts';
import type { SchedulerCache } from '../cache/scheduler-cache.ts';
import type { PodInfo } from '../pod/pod-info.ts';
import type { Pod } from '../pod/types.ts';

/**
 * Why a node was rejected (K: framework.Status codes). Unresolvable means evicting pods would not help, which
 * decides the preemption half of the FailedScheduling message.
 */
export type RejectionCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface Rejection {
  code: RejectionCode;
  /** Each reason is counted once per node in "0/N nodes are available: …". */
  reasons: string[];
}

export interface FilterPlugin {
  readonly name: string;
  filter(pod: PodInfo, node: NodeInfo): Rejection | undefined;
}

/** What scorers may consult beyond the pod and the feasible nodes. */
export interface ScoreContext {
  cache: SchedulerCache;
  /** Every existing node, feasible or not (topology spread counts pods everywhere). */
  allNodes: NodeInfo[];
  /** The selector of the Services and the controller that own the pod (K: helper.DefaultSelector). */
  defaultSelector(pod: Pod): LabelSelector;
}

export interface ScorePlugin {
  readonly name: string;
  /** The plugin's weight in the default profile (K: pkg/scheduler/apis/config/v1/default_plugins.go). */
  readonly weight: number;
  /** Normalized scores 0–100, one per node in `nodes`; undefined when the plugin has nothing to say (Skip). */
  score(pod: PodInfo, nodes: NodeInfo[], context: ScoreContext): number[] | undefined;
}

/** K: framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;

export function reject(code: RejectionCode, ...reasons: string[]): Rejection {
  return { code, reasons };
}

/**
 * Scales raw scores to 0–100 against the largest, optionally reversed (K: pluginhelper.DefaultNormalizeScore),
 * with Go's integer division.
 */
export function defaultNormalize(scores: number[], reverse: boolean): number[] {
  const max = Math.max(0, ...scores);
  if (max === 0) return scores.map(() => (reverse ? MAX_NODE_SCORE : 0));
  return scores.map((s) => {
    const scaled = Math.trunc((MAX_NODE_SCORE * s) / max);
    return reverse ? MAX_NODE_SCORE - scaled : scaled;
  });
}
