import type { TimelineEvent } from './event.ts';
import { EventExpectation } from './expect/event-expectation.ts';
import { describeReference, type Expectation, isMatcher, type Reference } from './expect/expectation.ts';
import { finalState, Interval } from './expect/interval-expectation.ts';
import { OrderExpectation } from './expect/order-expectation.ts';
import type { Matcher } from './matcher.ts';
import type { Condition } from './state.ts';
import { Timeline } from './timeline.ts';

export { EventExpectation } from './expect/event-expectation.ts';
export type { Expectation, Reference } from './expect/expectation.ts';
export { Interval } from './expect/interval-expectation.ts';

/**
 * Expectations over a timeline, live or finished (a plain array of events works too). Each one yields an
 * ExpectationResult through check() (now) or settle() (once it cannot change any more):
 *
 *   expect(t).event(appSynced('letsgo-dev')).within('10s').after(pushed)
 *   expect(t).ordered(gitPushed('apps'), appSynced('web'), rolloutComplete('web/web'))
 *   expect(t).during(stop, nodeReady('worker-2')).always(state(readyEndpoints('backend'), atLeast(1)))
 */
export function expect(source: Timeline | readonly TimelineEvent[]): Expectations {
  return new Expectations(source instanceof Timeline ? source : new Timeline({ events: source }));
}

export class Expectations {
  readonly #timeline: Timeline;

  constructor(timeline: Timeline) {
    this.#timeline = timeline;
  }

  /** An event a matcher finds; or an event already in hand, to check when it came (`.within(d).after(x)`). */
  event(expected: Reference): EventExpectation {
    return new EventExpectation(this.#timeline, { matcher: asMatcher(expected), never: false });
  }

  /** The first occurrence of each (an event stands for itself), and in this order. */
  ordered(...matchers: Reference[]): Expectation {
    return new OrderExpectation(this.#timeline, matchers, 'first');
  }

  /** Each after the previous one (the first occurrence after it), as a subsequence of the timeline. */
  sequence(...matchers: Reference[]): Expectation {
    return new OrderExpectation(this.#timeline, matchers, 'sequence');
  }

  during(from: Reference, to?: Reference): Interval {
    return new Interval(this.#timeline, from, to);
  }

  finalState<T>(condition: Condition<T>): Expectation {
    return finalState(this.#timeline, condition);
  }
}

/** An event stands for itself. */
function asMatcher(reference: Reference): Matcher {
  if (isMatcher(reference)) return reference;
  return { description: describeReference(reference), test: (e) => e === reference };
}
