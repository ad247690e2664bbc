import type { Clock } from '../clock/index.ts';

export interface StepEvent {
  title: string;
  state: 'started' | 'done' | 'failed';
  /** Wall-clock milliseconds the step took (done / failed). */
  ms?: number;
  error?: string;
}

export type StepListener = (event: StepEvent) => void;

/**
 * Start-up as a list of named steps with a teardown stack: each step reports its start and duration, each started
 * part registers how to stop it, and close() stops them in reverse order — also after a step failed half-way.
 * Uses the wall clock for durations on purpose: start-up cost is real time, not simulated time.
 */
export class Startup {
  readonly #teardown: { title: string; stop: () => Promise<void> | void }[] = [];
  readonly #onStep: StepListener | undefined;
  readonly #signal: AbortSignal | undefined;
  #closed = false;

  constructor(options: { onStep?: StepListener | undefined; signal?: AbortSignal | undefined; clock?: Clock } = {}) {
    this.#onStep = options.onStep;
    this.#signal = options.signal;
  }

  /** Runs one step; throws (with the step named) if it fails or start-up was aborted. */
  async step<T>(title: string, run: () => Promise<T>): Promise<T> {
    this.#signal?.throwIfAborted();
    const started = performance.now();
    this.#onStep?.({ title, state: 'started' });
    try {
      const value = await run();
      this.#onStep?.({ title, state: 'done', ms: performance.now() - started });
      return value;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#onStep?.({ title, state: 'failed', ms: performance.now() - started, error: message });
      throw error;
    }
  }

  /** Registers how to stop something that was just started. */
  onClose(title: string, stop: () => Promise<void> | void): void {
    this.#teardown.push({ title, stop });
  }

  /** Stops everything in reverse order; keeps going when one part fails and rethrows the first failure at the end. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    let first: unknown;
    while (this.#teardown.length > 0) {
      const { stop } = this.#teardown.pop()!;
      try {
        await stop();
      } catch (error) {
        first ??= error;
      }
    }
    if (first !== undefined) throw first;
  }
}
