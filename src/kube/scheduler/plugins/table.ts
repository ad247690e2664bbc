import type { FilterPlugin, ScorePlugin } from '../framework/types.ts';
import { nodeAffinityFilter, nodeAffinityScore } from './node-affinity.ts';
import { nodeName } from './node-name.ts';
import { nodePorts } from './node-ports.ts';
import { nodeResourcesFitFilter, nodeResourcesFitScore } from './node-resources-fit.ts';
import { nodeUnschedulable } from './node-unschedulable.ts';
import { podTopologySpreadScore } from './pod-topology-spread.ts';
import { taintTolerationFilter, taintTolerationScore } from './taint-toleration.ts';

/**
 * The default profile's filters in the order kube-scheduler runs them; a node's first rejection is its only reason
 * in the FailedScheduling message (K: pkg/scheduler/apis/config/v1/default_plugins.go, v1.32).
 */
export const FILTERS: readonly FilterPlugin[] = [
  nodeUnschedulable,
  nodeName,
  taintTolerationFilter,
  nodeAffinityFilter,
  nodePorts,
  nodeResourcesFitFilter,
];

/**
 * The default profile's scorers we implement, with their default weights. Not implemented: InterPodAffinity,
 * NodeResourcesBalancedAllocation, ImageLocality, VolumeBinding.
 */
export const SCORERS: readonly ScorePlugin[] = [
  taintTolerationScore,
  nodeAffinityScore,
  nodeResourcesFitScore,
  podTopologySpreadScore,
];
