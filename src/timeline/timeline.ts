import type { Clock } from '../clock/index.ts';
import { type Duration, formatDuration, parseDuration } from './duration.ts';
import { TimelineError } from './errors.ts';
import type { TimelineComponent, TimelineEvent, TimelineSink } from './event.ts';
import { describeEvent, formatSlice } from './format.ts';
import type { Matcher } from './matcher.ts';

/** Which events to return: a matcher, a predicate, or fields that must be equal. */
export type EventFilter =
  | Matcher
  | ((event: TimelineEvent) => boolean)
  | { component?: TimelineComponent; type?: string; subject?: string };

export interface WaitForOptions {
  /** Simulated time to wait (default 30 s). */
  timeout?: Duration;
  /** Only events recorded after this one count (default: any, including those already recorded). */
  after?: TimelineEvent;
  signal?: AbortSignal;
}

/** How many of the latest events a timeout message shows. */
const RECENT = 15;

/**
 * The events of one sandbox run, ordered by simulated time (events recorded at the same instant keep the order
 * they were recorded in). Recorders and probes write; expectations, waits and reports read. Live: listeners
 * hear every event as it is recorded.
 */
export class Timeline implements TimelineSink {
  readonly clock: Clock | undefined;
  readonly #events: TimelineEvent[] = [];
  readonly #order = new WeakMap<TimelineEvent, number>();
  readonly #listeners = new Set<(event: TimelineEvent) => void>();
  #next = 0;

  /** A clock makes it live (waitFor, action stamps); without one it only holds the given events. */
  constructor(options: { clock?: Clock; events?: readonly TimelineEvent[] } = {}) {
    this.clock = options.clock;
    for (const event of options.events ?? []) this.record(event);
  }

  get length(): number {
    return this.#events.length;
  }

  record(event: TimelineEvent): void {
    this.#order.set(event, this.#next++);
    // Late arrivals (an event stamped before the last one) go where their time puts them.
    let index = this.#events.length;
    while (index > 0 && this.#events[index - 1]!.at > event.at) index--;
    this.#events.splice(index, 0, event);
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // a listener's failure must not stop recording
      }
    }
  }

  /** Records a scenario step the scenario performed (push, kubectl, stop node) and returns it to measure from. */
  action(name: string, data: Record<string, unknown> = {}): TimelineEvent {
    const details = Object.entries(data)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    const event: TimelineEvent = {
      at: this.#now(),
      component: 'scenario',
      type: 'action',
      subject: name,
      message: details,
      data: { ...data, action: name },
    };
    this.record(event);
    return event;
  }

  /** Records the start of a named scenario step (`scenario/step`). */
  step(name: string): TimelineEvent {
    const event: TimelineEvent = {
      at: this.#now(),
      component: 'scenario',
      type: 'step',
      subject: name,
      message: '',
      data: { name },
    };
    this.record(event);
    return event;
  }

  /** The events in order, optionally only those a filter accepts. */
  events(filter?: EventFilter): TimelineEvent[] {
    if (!filter) return [...this.#events];
    const accept = toPredicate(filter);
    return this.#events.filter(accept);
  }

  /** Calls `listener` with every event recorded from now on; returns the unsubscribe function. */
  on(listener: (event: TimelineEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Whether `event` comes after `reference` in this timeline (by time, then by recording order). */
  isAfter(event: TimelineEvent, reference: TimelineEvent): boolean {
    if (event.at !== reference.at) return event.at > reference.at;
    const a = this.#order.get(event);
    const b = this.#order.get(reference);
    return a !== undefined && b !== undefined ? a > b : false;
  }

  /** The events from `from` to `to` inclusive (events or simulated times; open-ended when omitted). */
  slice(from?: TimelineEvent | number, to?: TimelineEvent | number): TimelineEvent[] {
    return this.#events.filter((e) => {
      if (from !== undefined && (typeof from === 'number' ? e.at < from : e !== from && !this.isAfter(e, from))) {
        return false;
      }
      if (to !== undefined && (typeof to === 'number' ? e.at > to : e !== to && this.isAfter(e, to))) return false;
      return true;
    });
  }

  /** The first event matching (after `after`, if given): already recorded, or the next one within the timeout. */
  waitFor(match: Matcher, options: WaitForOptions = {}): Promise<TimelineEvent> {
    const { after, signal } = options;
    const counts = (e: TimelineEvent) => (after === undefined || this.isAfter(e, after)) && match.test(e);
    const found = this.#events.find(counts);
    if (found) return Promise.resolve(found);
    const clock = this.clock;
    if (!clock) {
      return Promise.reject(
        new TimelineError('WaitTimeout', `no event matches "${match.description}" and this timeline is not live`),
      );
    }
    const timeoutMs = parseDuration(options.timeout ?? '30s');
    return new Promise<TimelineEvent>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const done = () => {
        unsubscribe();
        cancel();
        signal?.removeEventListener('abort', onAbort);
      };
      const unsubscribe = this.on((e) => {
        if (!counts(e)) return;
        done();
        resolve(e);
      });
      const cancel = clock.setTimer(timeoutMs, () => {
        done();
        const recent = this.#events.slice(-RECENT);
        const origin = after ?? recent[0];
        reject(
          new TimelineError(
            'WaitTimeout',
            `timed out after ${formatDuration(timeoutMs)} waiting for ${match.description}` +
              `${after ? ` after ${describeEvent(after)}` : ''}; the latest events:\n` +
              (recent.length > 0 && origin ? formatSlice(recent, origin) : '(none)'),
          ),
        );
      });
      const onAbort = () => {
        done();
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  #now(): number {
    return this.clock?.now() ?? this.#events.at(-1)?.at ?? 0;
  }
}

function toPredicate(filter: EventFilter): (event: TimelineEvent) => boolean {
  if (typeof filter === 'function') return filter;
  if ('test' in filter) return (e) => filter.test(e);
  return (e) =>
    (filter.component === undefined || e.component === filter.component) &&
    (filter.type === undefined || e.type === filter.type) &&
    (filter.subject === undefined || e.subject === filter.subject);
}
