import { abortError } from '../../clock/index.ts';

/**
 * Waits for a shared operation on behalf of one caller: the caller's signal abandons the wait without cancelling
 * the operation, which other callers may still be waiting for (coalesced fetches and checkouts).
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** One in-flight run per key: concurrent callers of the same key share it; the next call after it settles runs anew. */
export class Coalescer<T> {
  readonly #running = new Map<string, Promise<T>>();

  run(key: string, operation: () => Promise<T>): Promise<T> {
    const existing = this.#running.get(key);
    if (existing) return existing;
    const started = operation().finally(() => this.#running.delete(key));
    this.#running.set(key, started);
    return started;
  }
}
