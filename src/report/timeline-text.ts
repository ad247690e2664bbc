import type { TimelineEvent } from '../timeline/event.ts';
import { formatOffset } from './format.ts';
import { renderTable } from './table.ts';

/** The cells of one timeline row: time relative to the scenario start, component, subject, message. */
export function eventCells(event: TimelineEvent, start: number): string[] {
  return [formatOffset(event.at, start), event.component, event.subject, oneLine(event.message)];
}

/** Timeline events as aligned text lines (JUnit bodies, terminal failure slices). */
export function timelineLines(events: readonly TimelineEvent[], start: number, width?: number): string[] {
  const options = width === undefined ? {} : { width };
  return renderTable(
    events.map((e) => eventCells(e, start)),
    options,
  );
}

/** Messages are one line in tables; a stray newline would break the alignment of every row after it. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ⏎ ');
}
