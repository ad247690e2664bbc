import type { ExpectationResult } from '../../scenario/result.ts';
import { type Duration, parseDuration } from '../duration.ts';
import type { TimelineEvent } from '../event.ts';
import { describeEvent } from '../format.ts';
import type { Matcher } from '../matcher.ts';
import type { Timeline } from '../timeline.ts';

/** Something to measure from or to: an event the scenario holds, or the first event a matcher finds. */
export type Reference = TimelineEvent | Matcher;

/** One checkable statement about a timeline. */
export interface Expectation {
  readonly description: string;
  /** Decides over what is recorded now. */
  check(): ExpectationResult;
  /**
   * On a live timeline, waits until the answer cannot change any more (the event came, or its window closed)
   * and then checks; on a finished one, the same as check(). `timeout` (default 5 min simulated) bounds the wait
   * of an expectation that has no window of its own.
   */
  settle(options?: { signal?: AbortSignal; timeout?: Duration }): Promise<ExpectationResult>;
}

export function isMatcher(reference: Reference): reference is Matcher {
  return typeof (reference as Matcher).test === 'function';
}

/** Words for a reference in descriptions: "action push-image", "git push to apps". */
export function describeReference(reference: Reference): string {
  if (isMatcher(reference)) return reference.description;
  return describeEvent(reference);
}

/** The event a reference stands for: itself, or the first match (after `after`, when given). */
export function resolveReference(
  timeline: Timeline,
  reference: Reference,
  after?: TimelineEvent,
): TimelineEvent | undefined {
  if (!isMatcher(reference)) return reference;
  return timeline.events().find((e) => (after === undefined || timeline.isAfter(e, after)) && reference.test(e));
}

const PAD = 3;
const MAX = 40;

/**
 * The events that explain a result: those between `from` and `to` (inclusive, by position) plus a few either
 * side; long windows keep their start and end.
 */
export function sliceAround(events: readonly TimelineEvent[], from: number, to: number): TimelineEvent[] {
  const start = Math.max(0, from - PAD);
  const end = Math.min(events.length, Math.max(from, to) + PAD + 1);
  const slice = events.slice(start, end);
  if (slice.length <= MAX) return slice;
  return [...slice.slice(0, MAX / 2), ...slice.slice(-MAX / 2)];
}

/** Position of the first event at or after a time (events.length when none). */
export function indexAtOrAfter(events: readonly TimelineEvent[], at: number): number {
  const index = events.findIndex((e) => e.at >= at);
  return index < 0 ? events.length : index;
}

/** Position of the last event at or before a time (-1 when none). */
export function indexAtOrBefore(events: readonly TimelineEvent[], at: number): number {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.at <= at) return i;
  return -1;
}

/** "+12.3s" from an origin, for messages. */
export function since(at: number, origin: number): string {
  const ms = at - origin;
  return `${ms < 0 ? '-' : '+'}${(Math.abs(ms) / 1000).toFixed(1)}s`;
}

/** The time results are decided at: the clock's now on a live timeline, else the last event. */
export function decidedAt(timeline: Timeline): number {
  return timeline.clock?.now() ?? timeline.events().at(-1)?.at ?? 0;
}

/**
 * Re-checks on every new event of a live timeline until `final` says the result cannot change, or `timeout`
 * (simulated, default 5 min) passes; a finished timeline (no clock) is checked once.
 */
export async function settleLive(
  timeline: Timeline,
  check: () => ExpectationResult,
  final: (result: ExpectationResult) => boolean,
  options: { signal?: AbortSignal; timeout?: Duration } = {},
): Promise<ExpectationResult> {
  const clock = timeline.clock;
  const giveUpAt = (clock?.now() ?? 0) + parseDuration(options.timeout ?? '5m');
  for (;;) {
    const result = check();
    if (!clock || final(result) || clock.now() >= giveUpAt) return result;
    await new Promise<void>((resolve, reject) => {
      const wake = () => {
        unsubscribe();
        cancel();
        options.signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        wake();
        reject(options.signal!.reason);
      };
      const unsubscribe = timeline.on(wake);
      const cancel = clock.setTimer(giveUpAt - clock.now(), wake);
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
