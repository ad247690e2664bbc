import type { TimelineEvent } from './event.ts';
import { subjectIs } from './matcher.ts';

/**
 * A value that events change over time, e.g. the ready endpoints of a Service: folding the timeline up to an
 * instant gives the value at that instant. `during(a, b).always(...)` checks it after every event in between.
 */
export interface StateFold<T> {
  /** E.g. "ready endpoints of default/backend". */
  readonly description: string;
  readonly initial: T;
  step(value: T, event: TimelineEvent): T;
}

/** What a state must satisfy: a test with words for messages (">= 1"). */
export interface Check<T> {
  readonly description: string;
  test(value: T): boolean;
}

/** A state and what it must satisfy, e.g. `state(readyEndpoints('backend'), atLeast(1))`. */
export interface Condition<T = unknown> {
  readonly description: string;
  readonly fold: StateFold<T>;
  holds(value: T): boolean;
}

export function fold<T>(description: string, initial: T, step: (value: T, event: TimelineEvent) => T): StateFold<T> {
  return { description, initial, step };
}

export function state<T>(
  fold: StateFold<T>,
  check: Check<T> | ((value: T) => boolean),
  description?: string,
): Condition<T> {
  const test = typeof check === 'function' ? check : (v: T) => check.test(v);
  const words = description ?? (typeof check === 'function' ? 'satisfies the condition' : check.description);
  return { description: `${fold.description} ${words}`, fold, holds: test };
}

export const atLeast = (n: number): Check<number> => ({ description: `>= ${n}`, test: (v) => v >= n });
export const atMost = (n: number): Check<number> => ({ description: `<= ${n}`, test: (v) => v <= n });
export const equals = <T>(expected: T): Check<T> => ({
  description: `= ${String(expected)}`,
  test: (v) => v === expected,
});

/** Ready endpoints of a Service (all its EndpointSlices), from `service/endpoints` events. */
export const readyEndpoints = (service: string): StateFold<number> =>
  fold(`ready endpoints of ${service}`, 0, (value, e) =>
    e.component === 'service' && e.type === 'endpoints' && subjectIs(e.subject, service)
      ? Number(e.data?.['ready'] ?? 0)
      : value,
  );

/** Ready replicas of a Deployment, from `deployment/rollout` events. */
export const replicasReady = (deployment: string): StateFold<number> =>
  fold(`ready replicas of ${deployment}`, 0, (value, e) =>
    e.component === 'deployment' && e.type === 'rollout' && subjectIs(e.subject, deployment)
      ? Number(e.data?.['ready'] ?? 0)
      : value,
  );

/** Failed probe requests to a Service so far (cumulative). */
export const probeFailures = (service: string): StateFold<number> =>
  fold(`probe failures of ${service}`, 0, (value, e) =>
    e.component === 'probe' && e.type === 'failure' && subjectIs(String(e.data?.['service'] ?? e.subject), service)
      ? value + 1
      : value,
  );

/** The version a Service's probe got last ('' before the first answer), from `probe/version` events. */
export const answeringVersion = (service: string): StateFold<string> =>
  fold(`version answering ${service}`, '', (value, e) =>
    e.component === 'probe' && e.type === 'version' && subjectIs(String(e.data?.['service'] ?? e.subject), service)
      ? String(e.data?.['version'] ?? '')
      : value,
  );

/** The value of a fold after the given events. */
export function valueAfter<T>(events: readonly TimelineEvent[], fold: StateFold<T>): T {
  return events.reduce((value, e) => fold.step(value, e), fold.initial);
}
