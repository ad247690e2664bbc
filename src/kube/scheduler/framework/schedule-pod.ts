import type { Random } from '../../../clock/index.ts';
import type { NodeInfo } from '../cache/node-info.ts';
import type { PodInfo } from '../pod/pod-info.ts';
import type { FilterPlugin, Rejection, ScoreContext, ScorePlugin } from './types.ts';

export interface SchedulingAlgorithm {
  filters: readonly FilterPlugin[];
  scorers: readonly ScorePlugin[];
  random: Random;
}

export type ScheduleResult =
  | { kind: 'fit'; node: string; evaluated: number; feasible: number }
  | { kind: 'unschedulable'; numAllNodes: number; rejections: Map<string, Rejection> }
  | { kind: 'no-nodes' };

/** K: minFeasibleNodesToFind, minFeasibleNodesPercentageToFind. */
const MIN_FEASIBLE_NODES = 100;
const MIN_FEASIBLE_PERCENTAGE = 5;

/**
 * How many feasible nodes are enough before scoring (K: schedule_one.go numFeasibleNodesToFind with the default
 * adaptive percentageOfNodesToScore: 50% minus 1% per 125 nodes, at least 5% and at least 100 nodes).
 */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES) return numAllNodes;
  const percentage = Math.max(MIN_FEASIBLE_PERCENTAGE, 50 - Math.trunc(numAllNodes / 125));
  return Math.max(MIN_FEASIBLE_NODES, Math.trunc((numAllNodes * percentage) / 100));
}

/**
 * One scheduling cycle for one pod (K: schedule_one.go schedulePod): filter nodes starting where the previous
 * cycle stopped, until enough fit; score them; pick the best, at random among equals. Returns where the next
 * cycle starts.
 */
export function schedulePod(
  algorithm: SchedulingAlgorithm,
  pod: PodInfo,
  context: ScoreContext,
  start: number,
): { result: ScheduleResult; nextStart: number } {
  const all = context.allNodes;
  if (all.length === 0) return { result: { kind: 'no-nodes' }, nextStart: 0 };
  const wanted = numFeasibleNodesToFind(all.length);
  const feasible: NodeInfo[] = [];
  const rejections = new Map<string, Rejection>();
  let processed = 0;
  for (; processed < all.length && feasible.length < wanted; processed++) {
    const node = all[(start + processed) % all.length]!;
    const rejection = runFilters(algorithm.filters, pod, node);
    if (rejection) rejections.set(node.name, rejection);
    else feasible.push(node);
  }
  const nextStart = (start + processed) % all.length;
  if (feasible.length === 0) {
    return { result: { kind: 'unschedulable', numAllNodes: all.length, rejections }, nextStart };
  }
  const evaluated = processed;
  if (feasible.length === 1)
    return { result: { kind: 'fit', node: feasible[0]!.name, evaluated, feasible: 1 }, nextStart };
  const totals = new Array<number>(feasible.length).fill(0);
  for (const scorer of algorithm.scorers) {
    const scores = scorer.score(pod, feasible, context);
    if (!scores) continue;
    for (let i = 0; i < totals.length; i++) totals[i]! += scores[i]! * scorer.weight;
  }
  const chosen = selectHost(totals, algorithm.random);
  return { result: { kind: 'fit', node: feasible[chosen]!.name, evaluated, feasible: feasible.length }, nextStart };
}

function runFilters(filters: readonly FilterPlugin[], pod: PodInfo, node: NodeInfo): Rejection | undefined {
  // The first rejecting plugin decides (K: RunFilterPlugins returns on the first non-success status).
  for (const filter of filters) {
    const rejection = filter.filter(pod, node);
    if (rejection) return rejection;
  }
  return undefined;
}

/** The highest total, uniformly at random among ties (K: selectHost's reservoir sampling), from the seeded source. */
export function selectHost(totals: number[], random: Random): number {
  let best = 0;
  let ties = 1;
  for (let i = 1; i < totals.length; i++) {
    if (totals[i]! > totals[best]!) {
      best = i;
      ties = 1;
    } else if (totals[i] === totals[best]) {
      ties++;
      if (random.int(ties) === 0) best = i;
    }
  }
  return best;
}
