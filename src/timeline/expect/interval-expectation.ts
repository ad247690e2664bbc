import type { ExpectationResult } from '../../scenario/result.ts';
import type { TimelineEvent } from '../event.ts';
import type { Matcher } from '../matcher.ts';
import type { Condition } from '../state.ts';
import type { Timeline } from '../timeline.ts';
import {
  decidedAt,
  describeReference,
  type Expectation,
  type Reference,
  resolveReference,
  settleLive,
  since,
  sliceAround,
} from './expectation.ts';

/**
 * `expect(t).during(from, to)` — statements over the interval between two references (`to` omitted or not yet
 * seen: up to the end of the timeline).
 */
export class Interval {
  readonly #timeline: Timeline;
  readonly #from: Reference;
  readonly #to: Reference | undefined;

  constructor(timeline: Timeline, from: Reference, to?: Reference) {
    this.#timeline = timeline;
    this.#from = from;
    this.#to = to;
  }

  /** The condition holds at every instant of the interval: at its start and after each event in it. */
  always<T>(condition: Condition<T>): Expectation {
    return this.#expectation(`${condition.description} throughout`, (events, start, end) => {
      const fold = condition.fold;
      let value = fold.initial;
      for (let i = 0; i <= start; i++) value = fold.step(value, events[i]!);
      for (let i = start; i <= end; i++) {
        if (i > start) value = fold.step(value, events[i]!);
        if (!condition.holds(value)) {
          return { failedAt: i, message: `${fold.description} was ${String(value)}` };
        }
      }
      return { message: `${fold.description} held; ${String(value)} at the end` };
    });
  }

  /** No event in the interval matches. */
  never(matcher: Matcher): Expectation {
    return this.#expectation(`no ${matcher.description}`, (events, start, end) => {
      for (let i = start + 1; i <= end; i++) {
        if (matcher.test(events[i]!)) return { failedAt: i, message: `${matcher.description}` };
      }
      return { message: `no ${matcher.description}` };
    });
  }

  #expectation(
    words: string,
    decide: (events: TimelineEvent[], start: number, end: number) => { failedAt?: number; message: string },
  ): Expectation {
    const timeline = this.#timeline;
    const description = `${words} from ${describeReference(this.#from)}${this.#to ? ` to ${describeReference(this.#to)}` : ''}`;
    const check = (): ExpectationResult => {
      const events = timeline.events();
      const from = resolveReference(timeline, this.#from);
      const start = from ? events.indexOf(from) : -1;
      if (!from || start < 0) {
        return {
          description,
          passed: false,
          message: `${describeReference(this.#from)} never happened, so the interval never began`,
          at: decidedAt(timeline),
          slice: events.slice(-10),
        };
      }
      const to = this.#to ? resolveReference(timeline, this.#to, from) : undefined;
      const end = to ? events.indexOf(to) : events.length - 1;
      const outcome = decide(events, start, end);
      const unfinished = this.#to && !to ? ` (${describeReference(this.#to)} not seen; checked to the end)` : '';
      if (outcome.failedAt === undefined) {
        return {
          description,
          passed: true,
          message: outcome.message + unfinished,
          at: (to ?? events[end])?.at ?? from.at,
        };
      }
      const at = events[outcome.failedAt]!.at;
      return {
        description,
        passed: false,
        message: `${outcome.message} at ${since(at, from.at)} after ${describeReference(this.#from)}${unfinished}`,
        at,
        slice: sliceAround(events, Math.max(start, outcome.failedAt - 8), outcome.failedAt + 2),
      };
    };
    // Live: a broken invariant is final; otherwise wait for the interval to begin and end.
    const settled = (result: ExpectationResult) => {
      if (!result.passed && resolveReference(timeline, this.#from)) return true;
      if (!this.#to) return result.passed;
      const from = resolveReference(timeline, this.#from);
      return from !== undefined && resolveReference(timeline, this.#to, from) !== undefined;
    };
    return {
      description,
      check,
      settle: (options = {}) => settleLive(timeline, check, settled, options),
    };
  }
}

/** `expect(t).finalState(condition)` — the condition holds after the last event. */
export function finalState<T>(timeline: Timeline, condition: Condition<T>): Expectation {
  const description = `${condition.description} at the end`;
  const check = (): ExpectationResult => {
    const events = timeline.events();
    let value = condition.fold.initial;
    for (const e of events) value = condition.fold.step(value, e);
    const passed = condition.holds(value);
    return {
      description,
      passed,
      message: `${condition.fold.description} is ${String(value)}`,
      at: decidedAt(timeline),
      ...(passed ? {} : { slice: events.slice(-10) }),
    };
  };
  return { description, check, settle: async () => check() };
}
