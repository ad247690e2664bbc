import type { KubeApi } from '../../apiserver/kube-api.ts';
import type { StoreEvent } from '../../apiserver/storage/watch-event.ts';
import type { KubeObject } from '../../object.ts';
import { controllerOf } from './controller-ref.ts';

export interface InformerHandlers<T extends KubeObject> {
  added?(object: T): void;
  updated?(previous: T, object: T): void;
  deleted?(object: T): void;
}

/**
 * A cache of one kind kept current by the API's change stream, with named indexes (client-go's shared informer and
 * indexer, in process). Objects are the stored ones and must never be mutated: clone before changing.
 * Handlers run inside the store's change delivery: they only enqueue work (a WorkQueue), never write.
 */
export class Informer<T extends KubeObject = KubeObject> {
  readonly #objects = new Map<string, T>();
  readonly #indexers = new Map<string, (object: T) => string[]>();
  readonly #indexes = new Map<string, Map<string, Set<string>>>();
  readonly #handlers: InformerHandlers<T>[] = [];
  readonly #api: KubeApi;
  readonly #apiVersion: string;
  readonly #kind: string;
  #started = false;

  constructor(api: KubeApi, apiVersion: string, kind: string) {
    this.#api = api;
    this.#apiVersion = apiVersion;
    this.#kind = kind;
  }

  /** Adds an index before start: `byIndex(name, value)` then finds objects whose `keys(object)` include value. */
  addIndex(name: string, keys: (object: T) => string[]): this {
    this.#indexers.set(name, keys);
    this.#indexes.set(name, new Map());
    return this;
  }

  on(handlers: InformerHandlers<T>): this {
    this.#handlers.push(handlers);
    return this;
  }

  /** Fills the cache and follows changes until `signal` aborts. */
  start(signal: AbortSignal): this {
    if (this.#started) throw new Error(`informer for ${this.#kind} started twice`);
    this.#started = true;
    const unsubscribe = this.#api.watchKind(this.#apiVersion, this.#kind, (event) => this.#apply(event));
    signal.addEventListener('abort', unsubscribe, { once: true });
    return this;
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.#objects.get(keyOf(namespace, name));
  }

  list(namespace?: string): T[] {
    const all = [...this.#objects.values()];
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }

  byIndex(index: string, value: string): T[] {
    const keys = this.#indexes.get(index)?.get(value);
    return keys ? [...keys].map((k) => this.#objects.get(k)!).filter(Boolean) : [];
  }

  #apply(event: StoreEvent): void {
    const object = event.object as T;
    const key = keyOf(object.metadata.namespace, object.metadata.name!);
    const previous = this.#objects.get(key);
    if (previous) this.#unindex(key, previous);
    if (event.type === 'DELETED') {
      this.#objects.delete(key);
      for (const h of this.#handlers) h.deleted?.(object);
      return;
    }
    this.#objects.set(key, object);
    this.#index(key, object);
    for (const h of this.#handlers) {
      if (previous) h.updated?.(previous, object);
      else h.added?.(object);
    }
  }

  #index(key: string, object: T): void {
    for (const [name, keys] of this.#indexers) {
      const index = this.#indexes.get(name)!;
      for (const value of keys(object)) {
        const set = index.get(value) ?? new Set<string>();
        set.add(key);
        index.set(value, set);
      }
    }
  }

  #unindex(key: string, object: T): void {
    for (const [name, keys] of this.#indexers) {
      const index = this.#indexes.get(name)!;
      for (const value of keys(object)) {
        const set = index.get(value);
        set?.delete(key);
        if (set?.size === 0) index.delete(value);
      }
    }
  }
}

export function keyOf(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

/** Index: the uids of an object's controller owner (how ReplicaSets find their pods, Deployments their ReplicaSets). */
export function byControllerUid(object: KubeObject): string[] {
  const owner = controllerOf(object);
  return owner ? [owner.uid] : [];
}
