import type { ExpectationResult } from '../../scenario/result.ts';
import type { Duration } from '../duration.ts';
import type { TimelineEvent } from '../event.ts';
import type { Timeline } from '../timeline.ts';
import {
  decidedAt,
  describeReference,
  type Expectation,
  isMatcher,
  type Reference,
  settleLive,
  since,
  sliceAround,
} from './expectation.ts';

/**
 * Events in order. `first` (expect(t).ordered): the first occurrence of each matcher, and those first occurrences
 * are in the given order. `sequence` (expect(t).sequence): each matcher's first occurrence after the previous
 * one's — a subsequence, so an earlier, unrelated occurrence does not count against it.
 */
export class OrderExpectation implements Expectation {
  readonly #timeline: Timeline;
  readonly #matchers: readonly Reference[];
  readonly #mode: 'first' | 'sequence';

  constructor(timeline: Timeline, matchers: readonly Reference[], mode: 'first' | 'sequence') {
    this.#timeline = timeline;
    this.#matchers = matchers;
    this.#mode = mode;
  }

  get description(): string {
    const list = this.#matchers.map(describeReference).join(', then ');
    return this.#mode === 'first' ? `in order (first occurrences): ${list}` : `in sequence: ${list}`;
  }

  check(): ExpectationResult {
    return this.#evaluate().result;
  }

  /** The result, and whether it only failed for an event that has not come (yet). */
  #evaluate(): { result: ExpectationResult; missing: boolean } {
    const timeline = this.#timeline;
    const events = timeline.events();
    const description = this.description;
    const origin = events[0]?.at ?? 0;
    const found: TimelineEvent[] = [];
    for (const [i, matcher] of this.#matchers.entries()) {
      const previous = found[i - 1];
      const event = isMatcher(matcher)
        ? events.find(
            (e) =>
              matcher.test(e) && (this.#mode === 'first' || previous === undefined || timeline.isAfter(e, previous)),
          )
        : events.find((e) => e === matcher);
      if (!event) {
        const after = this.#mode === 'sequence' && previous ? ` after ${since(previous.at, origin)}` : '';
        const result: ExpectationResult = {
          description,
          passed: false,
          message: `never saw ${describeReference(matcher)}${after}`,
          at: decidedAt(timeline),
          slice: previous ? sliceAround(events, events.indexOf(previous), events.length - 1) : events.slice(-10),
        };
        return { result, missing: true };
      }
      if (previous && !timeline.isAfter(event, previous)) {
        const result: ExpectationResult = {
          description,
          passed: false,
          message:
            `${describeReference(matcher)} (${since(event.at, origin)}) came before ` +
            `${describeReference(this.#matchers[i - 1]!)} (${since(previous.at, origin)})`,
          at: decidedAt(timeline),
          slice: sliceAround(events, events.indexOf(event), events.indexOf(previous)),
        };
        return { result, missing: false };
      }
      found.push(event);
    }
    const times = found.map((e, i) => `${describeReference(this.#matchers[i]!)} ${since(e.at, origin)}`).join(', ');
    return {
      result: { description, passed: true, message: times, at: found.at(-1)?.at ?? decidedAt(timeline) },
      missing: false,
    };
  }

  /** On a live timeline a missing event may still come; events out of order are final. */
  settle(options: { signal?: AbortSignal; timeout?: Duration } = {}): Promise<ExpectationResult> {
    return settleLive(
      this.#timeline,
      () => this.check(),
      () => !this.#evaluate().missing,
      options,
    );
  }
}
