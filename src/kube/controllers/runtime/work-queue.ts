import type { Clock } from '../../../clock/index.ts';

/**
 * A deduplicating queue of keys, drained on the next clock tick (client-go's workqueue in miniature): a key added
 * many times before it is processed is processed once; a key added while it is processed is processed again.
 */
export class WorkQueue {
  readonly #clock: Clock;
  readonly #process: (key: string) => void;
  readonly #signal: AbortSignal;
  readonly #dirty = new Set<string>();
  #scheduled = false;

  constructor(options: { clock: Clock; process: (key: string) => void; signal: AbortSignal }) {
    this.#clock = options.clock;
    this.#process = options.process;
    this.#signal = options.signal;
  }

  add(key: string): void {
    if (this.#signal.aborted) return;
    this.#dirty.add(key);
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#clock.setTimer(0, () => this.#drain(), this.#signal);
  }

  /** Adds a key after a delay in simulated time (retries, periodic resyncs). */
  addAfter(key: string, delayMs: number): void {
    this.#clock.setTimer(delayMs, () => this.add(key), this.#signal);
  }

  #drain(): void {
    this.#scheduled = false;
    const keys = [...this.#dirty];
    this.#dirty.clear();
    for (const key of keys) {
      if (this.#signal.aborted) return;
      this.#process(key);
    }
  }
}
