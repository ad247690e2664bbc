import type { Pod } from '../pod/types.ts';
import type { Rejection } from './types.ts';

/**
 * "0/3 nodes are available: 1 node(s) had untolerated taint {…}, 2 Insufficient cpu. preemption: 0/3 nodes are
 * available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
 *
 * K (v1.32): framework.FitError.Error — reasons counted over nodes, "<count> <reason>" sorted as strings, joined by
 * ", "; then DefaultPreemption's PostFilter message. We never preempt: a node rejected as unresolvable is "not
 * helpful", any other counts as having no victims (true while pods share one priority; see the README).
 */
export function fitErrorMessage(pod: Pod, numAllNodes: number, rejections: Map<string, Rejection>): string {
  const histogram = new Map<string, number>();
  for (const rejection of rejections.values()) {
    for (const reason of rejection.reasons) histogram.set(reason, (histogram.get(reason) ?? 0) + 1);
  }
  let message = `0/${numAllNodes} nodes are available:`;
  if (histogram.size > 0) message += ` ${sortedCounts(histogram).join(', ')}.`;
  return `${message} ${preemptionMessage(pod, rejections)}`;
}

/** K: defaultpreemption PostFilter → "preemption: " + the preemption evaluator's own FitError. */
function preemptionMessage(pod: Pod, rejections: Map<string, Rejection>): string {
  // K: PodEligibleToPreemptOthers.
  if ((pod.spec as { preemptionPolicy?: string } | undefined)?.preemptionPolicy === 'Never') {
    return 'preemption: not eligible due to preemptionPolicy=Never.';
  }
  const histogram = new Map<string, number>();
  for (const rejection of rejections.values()) {
    const reason =
      rejection.code === 'UnschedulableAndUnresolvable'
        ? 'Preemption is not helpful for scheduling'
        : 'No preemption victims found for incoming pod';
    histogram.set(reason, (histogram.get(reason) ?? 0) + 1);
  }
  return `preemption: 0/${rejections.size} nodes are available: ${sortedCounts(histogram).join(', ')}.`;
}

function sortedCounts(histogram: Map<string, number>): string[] {
  // Go's sort.Strings: byte order, so "10 …" sorts before "2 …".
  return [...histogram].map(([reason, count]) => `${count} ${reason}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Event notes are limited to 1 KiB (K: schedule_one.go truncateMessage, validation.NoteLengthLimit). */
export function truncateMessage(message: string): string {
  const limit = 1024;
  const suffix = ' ...';
  return message.length <= limit ? message : `${message.slice(0, limit - suffix.length)}${suffix}`;
}
