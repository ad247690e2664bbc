import type { TimelineEvent } from './event.ts';

/** One event as a line, its time relative to `origin` (ms or an event), e.g. `+12.3s application argocd/web sync-status Synced at 3f2a1c0`. */
export function formatEvent(event: TimelineEvent, origin: number | TimelineEvent): string {
  const base = typeof origin === 'number' ? origin : origin.at;
  return `${relative(event.at - base)} ${event.component} ${event.subject} ${event.type} ${event.message}`.trimEnd();
}

/** A slice of a timeline as text lines, for failure messages and terminal reports. */
export function formatSlice(events: readonly TimelineEvent[], origin: number | TimelineEvent): string {
  return events.map((e) => formatEvent(e, origin)).join('\n');
}

function relative(ms: number): string {
  return `${ms < 0 ? '-' : '+'}${(Math.abs(ms) / 1000).toFixed(1)}s`;
}

/** An event in words for descriptions: "action push-image", "git gitops/apps push". */
export function describeEvent(event: TimelineEvent): string {
  if (event.component === 'scenario') return `${event.type} ${event.subject}`;
  return `${event.component} ${event.subject} ${event.type}`;
}
