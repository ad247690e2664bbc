import { abortError, type Clock } from './clock.ts';

interface PendingTimer {
  due: number;
  order: number;
  fn: () => void;
}

/**
 * A clock that moves only when told to: tests advance it and every timer due by then fires in order.
 * Deterministic, so golden tests of stages and controllers do not depend on the machine's speed.
 */
export class ManualClock implements Clock {
  readonly speed = Number.POSITIVE_INFINITY;
  #now: number;
  #order = 0;
  #timers = new Set<PendingTimer>();

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  /** Moves time forward by `ms`, firing due timers in order (timers added while firing fire too, if due). */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      const next = [...this.#timers]
        .filter((t) => t.due <= target)
        .sort((a, b) => a.due - b.due || a.order - b.order)[0];
      if (!next) break;
      this.#timers.delete(next);
      this.#now = Math.max(this.#now, next.due);
      next.fn();
      // Let promise continuations scheduled by the timer run before the next one fires.
      await new Promise<void>((resolve) => queueMicrotask(resolve));
    }
    this.#now = target;
  }

  /** Number of timers not yet fired. */
  get pending(): number {
    return this.#timers.size;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError(signal));
        return;
      }
      const cancel = this.setTimer(ms, resolve);
      signal?.addEventListener(
        'abort',
        () => {
          cancel();
          reject(abortError(signal));
        },
        { once: true },
      );
    });
  }

  setTimer(ms: number, fn: () => void, signal?: AbortSignal): () => void {
    if (signal?.aborted) return () => {};
    const timer: PendingTimer = { due: this.#now + Math.max(0, ms), order: this.#order++, fn };
    this.#timers.add(timer);
    const cancel = () => {
      this.#timers.delete(timer);
    };
    signal?.addEventListener('abort', cancel, { once: true });
    return cancel;
  }
}
