import type { StoreEvent } from './watch-event.ts';

/**
 * A ring of the most recent store events, like etcd's history before compaction: a watch from a revision still in
 * the ring replays what it missed; a watch from an older one must relist (410 Expired).
 */
export class History {
  readonly #capacity: number;
  readonly #events: (StoreEvent | undefined)[];
  #start = 0;
  #size = 0;
  /** The revision just before the oldest retained event: everything after it is known. */
  #floor = 1;

  constructor(capacity: number) {
    this.#capacity = capacity;
    this.#events = new Array(capacity);
  }

  get oldestRevision(): number | undefined {
    return this.#floor;
  }

  append(event: StoreEvent): void {
    if (this.#size === this.#capacity) {
      const dropped = this.#events[this.#start]!;
      this.#floor = dropped.revision;
      this.#start = (this.#start + 1) % this.#capacity;
      this.#size--;
    }
    this.#events[(this.#start + this.#size) % this.#capacity] = event;
    this.#size++;
  }

  /** Events of `resource` with revision > `revision`; undefined if events after `revision` were dropped. */
  since(resource: string, revision: number, current: number): StoreEvent[] | undefined {
    if (revision >= current) return [];
    if (revision < this.#floor) return undefined;
    const out: StoreEvent[] = [];
    // Binary search for the first event after `revision` (revisions increase along the ring).
    let lo = 0;
    let hi = this.#size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#at(mid).revision <= revision) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.#size; i++) {
      const event = this.#at(i);
      if (event.resource === resource) out.push(event);
    }
    return out;
  }

  #at(index: number): StoreEvent {
    return this.#events[(this.#start + index) % this.#capacity]!;
  }
}
