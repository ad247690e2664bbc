import type { TimelineComponent, TimelineEvent } from '../../timeline/event.ts';

/** Lanes top to bottom: from what the user did, through git and the reconciler, down to what answers traffic. */
export const LANE_ORDER: readonly TimelineComponent[] = [
  'scenario',
  'git',
  'registry',
  'image-updater',
  'application',
  'deployment',
  'pod',
  'node',
  'service',
  'probe',
];

/** The components present in a timeline, in lane order; unknown components (newer recorders) go last. */
export function lanesOf(timeline: readonly TimelineEvent[]): string[] {
  const present = new Set<string>(timeline.map((e) => e.component));
  const known = LANE_ORDER.filter((c) => present.has(c));
  const unknown = [...present].filter((c) => !(LANE_ORDER as readonly string[]).includes(c)).sort();
  return [...known, ...unknown];
}
