import type { KubeObject } from '../../object.ts';
import { History } from './history.ts';
import type { StoreEvent, WatchEventType } from './watch-event.ts';

/** Objects of one resource, keyed "namespace/name" (cluster-scoped: "/name"). */
type Bucket = Map<string, KubeObject>;

export type StoreListener = (event: StoreEvent) => void;

/**
 * The embedded cluster's etcd: every object of every resource, one global revision counter (as etcd's), a bounded
 * history of changes for watches, and synchronous listeners. Objects handed in and out are never mutated afterwards:
 * writers always store new objects, readers clone before changing.
 */
export class Store {
  #revision = 1;
  readonly #buckets = new Map<string, Bucket>();
  readonly #history: History;
  readonly #listeners = new Set<StoreListener>();

  constructor(options: { historySize?: number } = {}) {
    this.#history = new History(options.historySize ?? 50_000);
  }

  get revision(): number {
    return this.#revision;
  }

  /** The oldest revision a watch can still resume from; older ones get 410 Gone. */
  get oldestWatchableRevision(): number {
    return this.#history.oldestRevision ?? this.#revision;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.#buckets.get(resource)?.get(keyOf(namespace, name));
  }

  /** Objects of a resource (in one namespace, or all), sorted by key as etcd returns them. */
  list(resource: string, namespace?: string): KubeObject[] {
    const bucket = this.#buckets.get(resource);
    if (!bucket) return [];
    const prefix = namespace === undefined ? undefined : `${namespace}/`;
    const keys = [...bucket.keys()].filter((k) => prefix === undefined || k.startsWith(prefix)).sort();
    return keys.map((k) => bucket.get(k)!);
  }

  count(resource: string): number {
    return this.#buckets.get(resource)?.size ?? 0;
  }

  /** Stores a new or changed object, stamping the next revision into metadata.resourceVersion. */
  put(resource: string, object: KubeObject): KubeObject {
    const bucket = this.#bucket(resource);
    const key = keyOf(object.metadata.namespace, object.metadata.name!);
    const previous = bucket.get(key);
    const revision = ++this.#revision;
    const stored = { ...object, metadata: { ...object.metadata, resourceVersion: String(revision) } };
    bucket.set(key, stored);
    this.#emit(previous ? 'MODIFIED' : 'ADDED', resource, revision, stored, previous);
    return stored;
  }

  /** Removes an object; the DELETED event carries it with the deletion's revision as resourceVersion. */
  remove(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const bucket = this.#buckets.get(resource);
    const key = keyOf(namespace, name);
    const previous = bucket?.get(key);
    if (!bucket || !previous) return undefined;
    bucket.delete(key);
    const revision = ++this.#revision;
    const removed = { ...previous, metadata: { ...previous.metadata, resourceVersion: String(revision) } };
    this.#emit('DELETED', resource, revision, removed, previous);
    return removed;
  }

  /** Drops every object of a resource without events (a CRD's resources once the CRD is gone). */
  dropResource(resource: string): void {
    this.#buckets.delete(resource);
  }

  /** Events after `revision` for a resource, or undefined when that history has been compacted away. */
  eventsSince(resource: string, revision: number): StoreEvent[] | undefined {
    return this.#history.since(resource, revision, this.#revision);
  }

  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #bucket(resource: string): Bucket {
    let bucket = this.#buckets.get(resource);
    if (!bucket) {
      bucket = new Map();
      this.#buckets.set(resource, bucket);
    }
    return bucket;
  }

  #emit(type: WatchEventType, resource: string, revision: number, object: KubeObject, previous?: KubeObject): void {
    const event: StoreEvent = previous
      ? { type, revision, resource, object, previous }
      : { type, revision, resource, object };
    this.#history.append(event);
    for (const listener of this.#listeners) listener(event);
  }
}

function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}
