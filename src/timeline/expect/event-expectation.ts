import type { ExpectationResult } from '../../scenario/result.ts';
import { type Duration, formatDuration, parseDuration } from '../duration.ts';
import type { TimelineEvent } from '../event.ts';
import type { Matcher } from '../matcher.ts';
import type { Timeline } from '../timeline.ts';
import {
  decidedAt,
  describeReference,
  type Expectation,
  indexAtOrBefore,
  type Reference,
  resolveReference,
  since,
  sliceAround,
} from './expectation.ts';

interface Spec {
  matcher: Matcher;
  withinMs?: number;
  after?: Reference;
  before?: Reference;
  never: boolean;
}

/** The window an event is looked for in, once references are resolved. */
interface Window {
  /** Events must come after this one (none: from the start). */
  start?: TimelineEvent;
  /** Events must come before this one (none: no bound). */
  end?: TimelineEvent;
  /** Events must come at or before this time (none: no bound). */
  deadline?: number;
  origin: number;
}

/**
 * `expect(t).event(m)` — an event happens (or `.never()` happens), optionally `.within(d)` of `.after(ref)` and
 * `.before(ref)`. Immutable: each call returns a new expectation, so a base can be reused.
 */
export class EventExpectation implements Expectation {
  readonly #timeline: Timeline;
  readonly #spec: Spec;

  constructor(timeline: Timeline, spec: Spec) {
    this.#timeline = timeline;
    this.#spec = spec;
  }

  within(duration: Duration): EventExpectation {
    return new EventExpectation(this.#timeline, { ...this.#spec, withinMs: parseDuration(duration) });
  }

  after(reference: Reference): EventExpectation {
    return new EventExpectation(this.#timeline, { ...this.#spec, after: reference });
  }

  before(reference: Reference): EventExpectation {
    return new EventExpectation(this.#timeline, { ...this.#spec, before: reference });
  }

  never(): EventExpectation {
    return new EventExpectation(this.#timeline, { ...this.#spec, never: true });
  }

  get description(): string {
    const { matcher, withinMs, after, before, never } = this.#spec;
    return (
      `${never ? 'no ' : ''}${matcher.description}` +
      (withinMs !== undefined ? ` within ${formatDuration(withinMs)}` : '') +
      (after ? ` after ${describeReference(after)}` : '') +
      (before ? ` before ${describeReference(before)}` : '')
    );
  }

  check(): ExpectationResult {
    const result = this.#decide();
    const window = this.#window(this.#timeline.events());
    if (!window) return result;
    const from = window.start?.at ?? window.origin;
    const to = window.deadline ?? window.end?.at ?? result.at ?? decidedAt(this.#timeline);
    return { ...result, window: { from, to: Math.max(from, to) } };
  }

  #decide(): ExpectationResult {
    const timeline = this.#timeline;
    const events = timeline.events();
    const description = this.description;
    const window = this.#window(events);
    if (!window) {
      return {
        description,
        passed: false,
        message: `${describeReference(this.#spec.after!)} never happened, so there is nothing to measure from`,
        at: decidedAt(timeline),
        slice: events.slice(-10),
      };
    }
    const { matcher, never } = this.#spec;
    const inWindow = (e: TimelineEvent) =>
      (window.start === undefined || timeline.isAfter(e, window.start)) &&
      (window.end === undefined || timeline.isAfter(window.end, e)) &&
      (window.deadline === undefined || e.at <= window.deadline);
    const found = events.find((e) => inWindow(e) && matcher.test(e));
    const from = window.start ? events.indexOf(window.start) : 0;
    const open = this.#stillOpen(window);
    if (found) {
      const at = since(found.at, window.origin);
      const index = events.indexOf(found);
      return never
        ? {
            description,
            passed: false,
            message: `${matcher.description} at ${at}`,
            at: found.at,
            slice: sliceAround(events, from, index),
          }
        : { description, passed: true, message: `${matcher.description} at ${at}`, at: found.at };
    }
    const to = window.deadline !== undefined ? indexAtOrBefore(events, window.deadline) : events.length - 1;
    if (never) {
      return {
        description,
        passed: true,
        message: `no ${matcher.description}${open ? ' so far' : ''}`,
        at: decidedAt(timeline),
      };
    }
    return {
      description,
      passed: false,
      message: this.#missMessage(events, window, open),
      at: window.deadline !== undefined && !open ? window.deadline : decidedAt(timeline),
      slice: sliceAround(events, from, to),
    };
  }

  async settle(options: { signal?: AbortSignal; timeout?: Duration } = {}): Promise<ExpectationResult> {
    const clock = this.#timeline.clock;
    // Without a window of its own (no within, or the reference not seen yet), wait this long at most.
    const giveUpAt = (clock?.now() ?? 0) + parseDuration(options.timeout ?? '5m');
    for (;;) {
      const result = this.check();
      const window = this.#window(this.#timeline.events());
      const decided = this.#spec.never ? !result.passed : result.passed;
      if (!clock || decided || (window && !this.#stillOpen(window)) || clock.now() >= giveUpAt) return result;
      // Wake on the next event, or when the window's deadline passes.
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
        const unsubscribe = this.#timeline.on(wake);
        const deadline = Math.min(window?.deadline ?? giveUpAt, giveUpAt);
        const cancel = clock.setTimer(deadline - clock.now() + 1, wake);
        if (options.signal?.aborted) onAbort();
        else options.signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
  }

  /** Resolves references; undefined when the `after` reference has not happened. */
  #window(events: readonly TimelineEvent[]): Window | undefined {
    const { after, before, withinMs } = this.#spec;
    const start = after ? resolveReference(this.#timeline, after) : undefined;
    if (after && !start) return undefined;
    const end = before ? resolveReference(this.#timeline, before, start) : undefined;
    const origin = start?.at ?? events[0]?.at ?? 0;
    return {
      ...(start ? { start } : {}),
      ...(end ? { end } : {}),
      ...(withinMs !== undefined ? { deadline: origin + withinMs } : {}),
      origin,
    };
  }

  /** On a live timeline, whether later events could still change the answer. */
  #stillOpen(window: Window): boolean {
    const clock = this.#timeline.clock;
    if (!clock || window.end) return false;
    return window.deadline === undefined || clock.now() <= window.deadline;
  }

  #missMessage(events: readonly TimelineEvent[], window: Window, open: boolean): string {
    const { matcher, withinMs } = this.#spec;
    const reference = this.#spec.after ? ` after ${describeReference(this.#spec.after)}` : '';
    const bound = withinMs !== undefined ? ` within ${formatDuration(withinMs)}` : '';
    const late = events.find(
      (e) =>
        matcher.test(e) &&
        (window.start === undefined || this.#timeline.isAfter(e, window.start)) &&
        (window.deadline === undefined ||
          e.at > window.deadline ||
          (window.end && !this.#timeline.isAfter(window.end, e))),
    );
    let message = `no ${matcher.description}${bound}${reference}`;
    if (window.end)
      message += ` before ${describeReference(this.#spec.before!)} (at ${since(window.end.at, window.origin)})`;
    if (late) message += `; it came at ${since(late.at, window.origin)}`;
    else if (open) message += ' yet (the window is still open)';
    return message;
  }
}
