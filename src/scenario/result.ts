import type { TimelineEvent } from '../timeline/event.ts';

/** The outcome of one expectation of a scenario. */
export interface ExpectationResult {
  /** What was expected, in words, e.g. "application argocd/letsgo-dev Synced within 10s after push". */
  description: string;
  passed: boolean;
  /** Why it failed (or what satisfied it), one or two lines. */
  message: string;
  /** Simulated time the expectation was decided at (ms since epoch). */
  at?: number;
  /** The span of simulated time the expectation looked at (ms since epoch), e.g. a push → push + 10 s. */
  window?: { from: number; to: number };
  /** The slice of the timeline that explains a failure (events around the window that was checked). */
  slice?: TimelineEvent[];
}

/** One scenario run: what reports (terminal, JSON, JUnit, HTML) are made from. */
export interface ScenarioResult {
  name: string;
  title: string;
  passed: boolean;
  /** Simulated start and end (ms since epoch). */
  startedAt: number;
  endedAt: number;
  /** Wall-clock duration in ms. */
  wallMs: number;
  provider: 'embedded' | 'kind';
  speed: number;
  seed: number;
  steps: { name: string; at: number; passed: boolean; error?: string }[];
  expectations: ExpectationResult[];
  timeline: TimelineEvent[];
  /** Set when the scenario threw outside an expectation (set-up failed, a step timed out). */
  error?: string;
}

export interface RunResult {
  scenarios: ScenarioResult[];
  passed: boolean;
}
