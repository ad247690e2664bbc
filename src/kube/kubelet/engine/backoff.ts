import { BACKOFF_INITIAL_MS, BACKOFF_MAX_MS } from '../defaults.ts';

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

/**
 * client-go's flowcontrol.Backoff as the kubelet uses it for image pulls and container restarts, without jitter:
 * the first `next` sets 10 s, each further one doubles up to 300 s, and an item quiet for twice the cap starts over.
 * Times are passed in (simulated ms), so it needs no clock of its own.
 */
export class Backoff {
  readonly #entries = new Map<string, Entry>();
  readonly #initialMs: number;
  readonly #maxMs: number;

  constructor(options: { initialMs?: number; maxMs?: number } = {}) {
    this.#initialMs = options.initialMs ?? BACKOFF_INITIAL_MS;
    this.#maxMs = options.maxMs ?? BACKOFF_MAX_MS;
  }

  /** Records one more failure of `id` at `now` (flowcontrol Backoff.Next). */
  next(id: string, eventTime: number, now: number): number {
    const entry = this.#entries.get(id);
    const backoffMs =
      !entry || this.#expired(eventTime, entry) ? this.#initialMs : Math.min(entry.backoffMs * 2, this.#maxMs);
    this.#entries.set(id, { backoffMs, lastUpdate: now });
    return backoffMs;
  }

  /** The current back-off of `id`, 0 when none. */
  get(id: string): number {
    return this.#entries.get(id)?.backoffMs ?? 0;
  }

  /** Until when `id` is in back-off measured from its last failure (IsInBackOffSinceUpdate); 0 when it is not. */
  untilSinceUpdate(id: string, now: number): number {
    const entry = this.#entries.get(id);
    if (!entry || this.#expired(now, entry)) return 0;
    const until = entry.lastUpdate + entry.backoffMs;
    return until > now ? until : 0;
  }

  /** Until when `id` is in back-off measured from `eventTime`, e.g. a container's exit (IsInBackOffSince). */
  untilSince(id: string, eventTime: number, now: number): number {
    const entry = this.#entries.get(id);
    if (!entry || this.#expired(eventTime, entry)) return 0;
    const until = eventTime + entry.backoffMs;
    return until > now ? until : 0;
  }

  reset(id: string): void {
    this.#entries.delete(id);
  }

  #expired(eventTime: number, entry: Entry): boolean {
    return eventTime - entry.lastUpdate > this.#maxMs * 2;
  }
}
