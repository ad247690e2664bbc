import { abortError, type Clock } from './clock.ts';

/**
 * Wall time scaled by `speed`: simulated time starts at the wall clock's now and then runs `speed` times faster,
 * so timestamps written into objects stay plausible and delays shrink by the same factor.
 */
export class ScaledClock implements Clock {
  readonly speed: number;
  readonly #wallStart: number;
  readonly #simulatedStart: number;

  constructor(options: { speed?: number; start?: number } = {}) {
    const speed = options.speed ?? 1;
    if (!(speed > 0) || !Number.isFinite(speed)) {
      throw new RangeError(`clock speed must be a positive number, got ${speed}`);
    }
    this.speed = speed;
    this.#wallStart = performance.now();
    this.#simulatedStart = options.start ?? Date.now();
  }

  now(): number {
    return this.#simulatedStart + (performance.now() - this.#wallStart) * this.speed;
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
    const due = this.now() + ms;
    let handle: ReturnType<typeof setTimeout>;
    const onAbort = () => clearTimeout(handle);
    // Node may fire a timer a fraction of a millisecond early; re-arm so no sleep ends before its simulated time.
    const arm = () => {
      handle = setTimeout(
        () => {
          const remaining = due - this.now();
          if (remaining > 0) return arm();
          signal?.removeEventListener('abort', onAbort);
          fn();
        },
        Math.max(0, (due - this.now()) / this.speed),
      );
    };
    arm();
    signal?.addEventListener('abort', onAbort, { once: true });
    return () => {
      clearTimeout(handle);
      signal?.removeEventListener('abort', onAbort);
    };
  }
}
