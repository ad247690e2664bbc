import type { Clock } from '../clock/index.ts';
import type { ExpectationResult, RunResult, ScenarioResult } from '../scenario/result.ts';
import { colorEnabled } from './ansi.ts';
import { PlainLiveView } from './live-plain.ts';
import { TtyLiveView } from './live-tty.ts';

/**
 * What the user watches while scenarios run. The runner calls these as things happen; one scenario at a time.
 * listr2 was not used: it drives tasks as promises it owns, while the runner reports events it already has,
 * and its renderers are hard to capture deterministically in tests.
 */
export interface LiveView extends Disposable {
  scenarioStarted(name: string, title: string): void;
  stepStarted(name: string): void;
  stepDone(name: string, ok: boolean, error?: string): void;
  expectation(result: ExpectationResult): void;
  scenarioDone(result: ScenarioResult): void;
  /** Stops the spinner and restores the cursor; with the run's result, prints the summary line. Idempotent. */
  close(run?: RunResult): void;
}

export interface LiveStream {
  write(chunk: string): unknown;
  columns?: number;
}

export interface LiveViewOptions {
  /** Redraw in place with a spinner (a terminal) or append plain lines (CI, pipes). */
  tty: boolean;
  /** ANSI colour. Default: on a TTY unless NO_COLOR is set (see colorEnabled); never otherwise. */
  color?: boolean;
  /** Drives the spinner frames (TTY only). Default: a wall clock. Tests pass a ManualClock. */
  clock?: Clock;
  /** Milliseconds between spinner frames on `clock`. Default 80. */
  frameMs?: number;
  env?: Record<string, string | undefined>;
}

export function createLiveView(stream: LiveStream, options: LiveViewOptions): LiveView {
  const color = options.color ?? colorEnabled({ isTTY: options.tty }, options.env ?? process.env);
  if (!options.tty) return new PlainLiveView(stream, { color });
  return new TtyLiveView(stream, {
    color,
    ...(options.clock ? { clock: options.clock } : {}),
    frameMs: options.frameMs ?? 80,
  });
}
