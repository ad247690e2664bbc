import type { Clock, Random } from '../../clock/index.ts';

const BASE_MS = 5_000;
const CAP_MS = 300_000;

/**
 * Per-registry back-off after failures that a later attempt may cure (unreachable, 5xx, 429, timeouts): 5 s,
 * 10 s, 20 s … capped at 5 min, with up to 10 % jitter so many updaters do not retry in step. One success resets it.
 */
export class RegistryBackoff {
  readonly #clock: Clock;
  readonly #random: Random | undefined;
  readonly #state = new Map<string, { failures: number; retryAt: number }>();

  constructor(clock: Clock, random?: Random) {
    this.#clock = clock;
    this.#random = random;
  }

  /** Simulated ms until the registry may be asked again; 0 when it may be asked now. */
  waitFor(registry: string): number {
    const state = this.#state.get(registry);
    return state ? Math.max(0, state.retryAt - this.#clock.now()) : 0;
  }

  /** Records a failure; returns the delay before the next attempt. */
  failed(registry: string): { delayMs: number; failures: number } {
    const failures = (this.#state.get(registry)?.failures ?? 0) + 1;
    const base = Math.min(CAP_MS, BASE_MS * 2 ** (failures - 1));
    const delayMs = Math.round(this.#random ? this.#random.jitter(base, 0.1) : base);
    this.#state.set(registry, { failures, retryAt: this.#clock.now() + delayMs });
    return { delayMs, failures };
  }

  /** Records a success; true when the registry was backing off (it recovered). */
  succeeded(registry: string): boolean {
    return this.#state.delete(registry);
  }

  /** The earliest simulated time a backing-off registry may be retried, if any. */
  nextRetryAt(): number | undefined {
    let next: number | undefined;
    for (const { retryAt } of this.#state.values()) next = next === undefined ? retryAt : Math.min(next, retryAt);
    return next;
  }
}
