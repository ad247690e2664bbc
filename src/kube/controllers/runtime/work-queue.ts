import type { Clock } from '../../../clock/index.ts';
import { messageOf } from '../../../errors.ts';

export interface WorkQueueOptions {
  clock: Clock;
  /** Reconciles one key; a throw requeues the key with per-key exponential back-off. */
  process: (key: string) => void | Promise<void>;
  signal: AbortSignal;
  /** Told about failures (after which the key is retried). */
  onError?: (key: string, error: unknown) => void;
  /** First retry delay and cap (client-go's default item rate limiter: 5 ms doubling to 1000 s). */
  backoff?: { baseMs: number; maxMs: number };
}

/**
 * A deduplicating queue of keys, drained on the next clock tick (client-go's workqueue in miniature): a key added
 * many times before it is processed is processed once; a key added while it is processed is processed again;
 * a key whose processing throws comes back after a per-key exponential back-off, reset by `forget`.
 */
export class WorkQueue {
  readonly #options: WorkQueueOptions;
  readonly #dirty = new Set<string>();
  readonly #failures = new Map<string, number>();
  #scheduled = false;
  #draining = false;

  constructor(options: WorkQueueOptions) {
    this.#options = options;
  }

  add(key: string): void {
    if (this.#options.signal.aborted) return;
    this.#dirty.add(key);
    this.#schedule();
  }

  /** Adds a key after a delay in simulated time (periodic resyncs, waiting for a deadline). */
  addAfter(key: string, delayMs: number): void {
    this.#options.clock.setTimer(delayMs, () => this.add(key), this.#options.signal);
  }

  /** Requeues a key after its next back-off step. */
  addRateLimited(key: string): void {
    const failures = this.#failures.get(key) ?? 0;
    this.#failures.set(key, failures + 1);
    const { baseMs, maxMs } = this.#options.backoff ?? { baseMs: 5, maxMs: 1_000_000 };
    this.addAfter(key, Math.min(maxMs, baseMs * 2 ** failures));
  }

  /** Clears a key's back-off after it was processed successfully. */
  forget(key: string): void {
    this.#failures.delete(key);
  }

  #schedule(): void {
    if (this.#scheduled || this.#draining) return;
    this.#scheduled = true;
    this.#options.clock.setTimer(0, () => void this.#drain(), this.#options.signal);
  }

  async #drain(): Promise<void> {
    this.#scheduled = false;
    this.#draining = true;
    try {
      let processed = 0;
      while (this.#dirty.size > 0 && !this.#options.signal.aborted) {
        // Let HTTP requests and timers in between long runs: each step of a request needs a turn of the loop.
        if (++processed % 10 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        const key = this.#dirty.values().next().value as string;
        this.#dirty.delete(key);
        try {
          await this.#options.process(key);
          this.forget(key);
        } catch (error) {
          this.#options.onError?.(key, error);
          this.addRateLimited(key);
        }
      }
    } finally {
      this.#draining = false;
      if (this.#dirty.size > 0) this.#schedule();
    }
  }
}

/** The usual onError: a one-line log on stderr naming the controller, the key and the cause. */
export function logError(controller: string): (key: string, error: unknown) => void {
  return (key, error) => process.stderr.write(`${controller}: ${key}: ${messageOf(error)} (will retry)\n`);
}
