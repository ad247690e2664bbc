/**
 * How much a reconcile of an app must do, as argo-cd's `CompareWith` levels (controller/appcontroller.go):
 * - `operation`: no comparison, only advance a requested/running operation (appOperationQueue);
 * - `recent`: compare again at the last compared revision, no git (a managed object changed);
 * - `latest`: resolve the revision in git again (polling, webhook, spec change, `refresh: normal`);
 * - `hard`: also bypass the manifest cache (`refresh: hard`).
 */
export type RefreshLevel = 'operation' | 'recent' | 'latest' | 'hard';

const ORDER: readonly RefreshLevel[] = ['operation', 'recent', 'latest', 'hard'];

export function maxLevel(a: RefreshLevel | undefined, b: RefreshLevel): RefreshLevel {
  return a === undefined || ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a;
}

export function atLeast(level: RefreshLevel, floor: RefreshLevel): boolean {
  return ORDER.indexOf(level) >= ORDER.indexOf(floor);
}

/**
 * A keyed work queue (client-go workqueue semantics): a key is processed by at most one worker at a time; requests
 * for a key that is queued or running merge into one pending item at the highest level asked — so a burst of pushes
 * or watch events becomes one more reconcile per app, never one per event.
 */
export class WorkQueue {
  readonly #pending = new Map<string, RefreshLevel>();
  readonly #running = new Set<string>();
  readonly #process: (key: string, level: RefreshLevel) => Promise<void>;
  readonly #onError: (key: string, error: unknown) => void;
  #closed = false;
  #idle: (() => void)[] = [];

  constructor(options: {
    process: (key: string, level: RefreshLevel) => Promise<void>;
    onError: (key: string, error: unknown) => void;
  }) {
    this.#process = options.process;
    this.#onError = options.onError;
  }

  add(key: string, level: RefreshLevel): void {
    if (this.#closed) return;
    this.#pending.set(key, maxLevel(this.#pending.get(key), level));
    if (!this.#running.has(key)) queueMicrotask(() => this.#run(key));
  }

  /** Pending level of a key (for tests and logs). */
  pending(key: string): RefreshLevel | undefined {
    return this.#pending.get(key);
  }

  close(): void {
    this.#closed = true;
    this.#pending.clear();
  }

  /** Resolves when no key is queued or running. */
  drained(): Promise<void> {
    if (this.#pending.size === 0 && this.#running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  async #run(key: string): Promise<void> {
    if (this.#running.has(key) || this.#closed) return;
    const level = this.#pending.get(key);
    if (level === undefined) return;
    this.#pending.delete(key);
    this.#running.add(key);
    try {
      await this.#process(key, level);
    } catch (error) {
      this.#onError(key, error);
    } finally {
      this.#running.delete(key);
    }
    if (this.#pending.has(key)) queueMicrotask(() => this.#run(key));
    else if (this.#pending.size === 0 && this.#running.size === 0) for (const done of this.#idle.splice(0)) done();
  }
}
