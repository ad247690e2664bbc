import type { Clock, Random } from '../../../clock/index.ts';
import type { KubeObject } from '../../object.ts';
import type { Delay, Profile, Stage, StageEnv, StageFiring, StageNext } from './stage.ts';

/** Performs a stage's effects; returns the object as now stored, or undefined when it is gone. */
export type StageSink = (object: KubeObject, next: StageNext) => KubeObject | undefined;

export interface StageEngineOptions<M> {
  clock: Clock;
  random: Random;
  profile: Profile<M>;
  /** Fresh in-memory state for a newly seen object. */
  memory: (object: KubeObject) => M;
  sink: StageSink;
  /** Told about every firing (traces, golden tests). */
  onFire?: (firing: StageFiring) => void;
  /** Told when a stage's effects failed; the object is re-evaluated after RETRY_MS. */
  onError?: (object: KubeObject, stage: string, error: unknown) => void;
  signal: AbortSignal;
}

interface Entry<M> {
  object: KubeObject;
  memory: M;
  stage?: Stage<M>;
  cancel?: () => void;
  /** An async `next` is in flight: changes are noted and evaluated when it completes. */
  firing: boolean;
}

const RETRY_MS = 1000;

/**
 * Runs a profile of stages over objects, kwok-style. Each observed object has at most one pending stage (one timer):
 * of the stages whose selector matches, the one due first (so a readiness probe at 10 s and a Job's exit at 3 s both
 * happen, in order). A change that keeps the same stage chosen keeps its timer; otherwise the timer is replaced. When the timer fires the selector is checked again, `next` computed, and the sink writes.
 * Per object the cost is O(stages) per change and one timer, never a loop over all objects.
 */
export class StageEngine<M> {
  readonly #options: StageEngineOptions<M>;
  readonly #entries = new Map<string, Entry<M>>();
  #paused = false;
  #inFlight = 0;
  #idleWaiters: (() => void)[] = [];

  constructor(options: StageEngineOptions<M>) {
    this.#options = options;
  }

  /** Notes the latest version of an object and (re)schedules its stage. Safe to call from informer handlers. */
  observe(object: KubeObject): void {
    const key = keyOf(object);
    let entry = this.#entries.get(key);
    if (entry && entry.object.metadata.uid !== object.metadata.uid) {
      this.forget(object);
      entry = undefined;
    }
    if (!entry) {
      entry = { object, memory: this.#options.memory(object), firing: false };
      this.#entries.set(key, entry);
    }
    entry.object = object;
    this.#schedule(key, entry);
  }

  /** Drops an object (it was deleted): its timer is cancelled and its memory released. */
  forget(object: KubeObject): void {
    const key = keyOf(object);
    const entry = this.#entries.get(key);
    if (!entry || entry.object.metadata.uid !== object.metadata.uid) return;
    entry.cancel?.();
    this.#entries.delete(key);
  }

  memoryOf(object: KubeObject): M | undefined {
    return this.#entries.get(keyOf(object))?.memory;
  }

  /** Powered off: no timers, nothing written; objects are still noted so `resume` starts from the latest. */
  pause(): void {
    this.#paused = true;
    for (const entry of this.#entries.values()) {
      entry.cancel?.();
      delete entry.cancel;
      delete entry.stage;
    }
  }

  resume(): void {
    this.#paused = false;
    for (const [key, entry] of this.#entries) this.#schedule(key, entry);
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Resolves once no asynchronous stage (an image pull asking a registry) is in flight. */
  idle(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #env(entry: Entry<M>): StageEnv<M> {
    return { now: this.#options.clock.now(), random: this.#options.random, memory: entry.memory };
  }

  /** Among the stages that match, the one due first (ties: profile order), with its delay before jitter. */
  #choose(entry: Entry<M>): { stage: Stage<M>; delay: Delay } | undefined {
    const env = this.#env(entry);
    const kind = entry.object.kind;
    let best: { stage: Stage<M>; delay: Delay } | undefined;
    for (const stage of this.#options.profile) {
      if (stage.kind !== kind || !stage.selector(entry.object, env)) continue;
      const delay = (typeof stage.delay === 'function' ? stage.delay(entry.object, env) : stage.delay) ?? { ms: 0 };
      if (!best || delay.ms < best.delay.ms) best = { stage, delay };
    }
    return best;
  }

  #schedule(key: string, entry: Entry<M>): void {
    if (this.#paused || entry.firing || this.#options.signal.aborted) return;
    const choice = this.#choose(entry);
    if (choice && choice.stage === entry.stage && entry.cancel) return;
    entry.cancel?.();
    delete entry.cancel;
    delete entry.stage;
    if (!choice) return;
    const { stage, delay } = choice;
    entry.stage = stage;
    const base = Math.max(0, delay.ms);
    const ms = delay.jitterFraction ? this.#options.random.jitter(base, delay.jitterFraction) : base;
    entry.cancel = this.#options.clock.setTimer(ms, () => this.#fire(key, stage), this.#options.signal);
  }

  #fire(key: string, stage: Stage<M>): void {
    const entry = this.#entries.get(key);
    if (!entry || entry.stage !== stage || this.#paused) return;
    delete entry.cancel;
    delete entry.stage;
    // The object may have changed since scheduling in a way the same stage still matches; re-check.
    if (!stage.selector(entry.object, this.#env(entry))) {
      this.#schedule(key, entry);
      return;
    }
    const fired = entry.object;
    let next: StageNext | Promise<StageNext>;
    try {
      next = stage.next(fired, this.#env(entry));
    } catch (error) {
      this.#failed(key, entry, stage, error);
      return;
    }
    if (next instanceof Promise) {
      entry.firing = true;
      this.#inFlight++;
      next
        .then(
          (result) => this.#settle(key, entry, stage, fired, result),
          (error) => {
            entry.firing = false;
            this.#failed(key, entry, stage, error);
          },
        )
        .finally(() => this.#doneInFlight());
      return;
    }
    this.#apply(key, entry, stage, fired, next);
  }

  #settle(key: string, entry: Entry<M>, stage: Stage<M>, fired: KubeObject, next: StageNext): void {
    entry.firing = false;
    if (this.#entries.get(key) !== entry || this.#options.signal.aborted) return;
    // Powered off meanwhile, or the object changed under the pull: the result is stale; start over.
    if (this.#paused) return;
    if (entry.object.metadata.resourceVersion !== fired.metadata.resourceVersion) {
      this.#schedule(key, entry);
      return;
    }
    this.#apply(key, entry, stage, fired, next);
  }

  #apply(key: string, entry: Entry<M>, stage: Stage<M>, fired: KubeObject, next: StageNext): void {
    const { metadata } = fired;
    this.#options.onFire?.({
      stage: stage.name,
      kind: fired.kind,
      ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
      name: metadata.name!,
      at: this.#options.clock.now(),
    });
    let written: KubeObject | undefined;
    try {
      written = this.#options.sink(fired, next);
    } catch (error) {
      this.#failed(key, entry, stage, error);
      return;
    }
    if (this.#entries.get(key) !== entry) return;
    if (!written) {
      entry.cancel?.();
      this.#entries.delete(key);
      return;
    }
    // The write usually came back through an informer already; observing again is idempotent, and it covers
    // stages whose effects were only in memory (no write, so no watch event).
    entry.object = written.metadata.uid === entry.object.metadata.uid ? newest(entry.object, written) : entry.object;
    this.#schedule(key, entry);
  }

  #failed(key: string, entry: Entry<M>, stage: Stage<M>, error: unknown): void {
    this.#options.onError?.(entry.object, stage.name, error);
    entry.cancel?.();
    delete entry.stage;
    entry.cancel = this.#options.clock.setTimer(
      RETRY_MS,
      () => {
        delete entry.cancel;
        if (this.#entries.get(key) === entry) this.#schedule(key, entry);
      },
      this.#options.signal,
    );
  }

  #doneInFlight(): void {
    this.#inFlight--;
    if (this.#inFlight > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function keyOf(object: KubeObject): string {
  return `${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** The later of two versions of one object (resourceVersions are increasing integers in the embedded store). */
function newest(a: KubeObject, b: KubeObject): KubeObject {
  return Number(b.metadata.resourceVersion) >= Number(a.metadata.resourceVersion) ? b : a;
}
