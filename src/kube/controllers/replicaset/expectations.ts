import type { Clock } from '../../../clock/index.ts';

/** After this long, unmet expectations are given up on (K: controller_utils.go ExpectationsTimeout, 5 minutes). */
const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

interface Expectation {
  adds: number;
  deletes: Set<string>;
  at: number;
}

/**
 * What a controller is still waiting to see in its informer after its own creates and deletes, so it does not act
 * twice on a stale cache (K: pkg/controller/controller_utils.go UIDTrackingControllerExpectations). Deletions are
 * tracked by pod key: only the pods this controller chose count as observed.
 */
export class Expectations {
  readonly #clock: Clock;
  readonly #byKey = new Map<string, Expectation>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** True when nothing is pending, or what is pending has expired: the controller may act. */
  satisfied(key: string): boolean {
    const e = this.#byKey.get(key);
    if (!e) return true;
    if (e.adds <= 0 && e.deletes.size === 0) return true;
    return this.#clock.now() - e.at > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, count: number): void {
    this.#byKey.set(key, { adds: count, deletes: new Set(), at: this.#clock.now() });
  }

  expectDeletions(key: string, podKeys: string[]): void {
    this.#byKey.set(key, { adds: 0, deletes: new Set(podKeys), at: this.#clock.now() });
  }

  creationObserved(key: string): void {
    const e = this.#byKey.get(key);
    if (e) e.adds--;
  }

  deletionObserved(key: string, podKey: string): void {
    this.#byKey.get(key)?.deletes.delete(podKey);
  }

  delete(key: string): void {
    this.#byKey.delete(key);
  }
}
