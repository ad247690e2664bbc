import type { KubeConfig } from '@kubernetes/client-node';
import type { Clock } from '../../clock/index.ts';
import type { KubeObject } from '../../kube/object.ts';
import { type ClusterClient, ClusterError } from '../cluster/index.ts';
import { isSelfReferenced, readTrackingId } from '../tracking/index.ts';
import { LiveStateError } from './errors.ts';
import { KindWatch } from './kind-watch.ts';
import { groupKindKey, keyOfObject, objectKey } from './object-key.ts';

/**
 * Told about every change of a watched object: `object` is undefined when it was deleted, `previous` when it is new.
 * `appInstance` is the app named by the tracking id (of the new state, else the old one); a change that moves an
 * object between apps is reported once per app, as Argo CD's controller/cache `OnResourceUpdated` notifies both.
 */
export type LiveChangeHandler = (
  appInstance: string | undefined,
  object: KubeObject | undefined,
  previous: KubeObject | undefined,
) => void;

export interface LiveStateCacheOptions {
  client: ClusterClient;
  kubeconfig: KubeConfig;
  clock: Clock;
  signal: AbortSignal;
  onChange?: LiveChangeHandler;
  /** Only objects carrying this `argocd.argoproj.io/installation-id` are tracked (Argo CD `installationID`). */
  installationId?: string;
  /** Watch failures the cache recovers from by itself (reconnects, relists); for logs. */
  onWatchError?: (kind: string, error: unknown) => void;
}

export interface KindRef {
  apiVersion: string;
  kind: string;
}

interface WatchedKind {
  namespaced: boolean;
  watch: KindWatch;
}

/**
 * The reconciler's view of the cluster (gitops-engine `pkg/cache` ClusterCache): one list+watch per kind in use,
 * objects indexed by the app instance of their tracking id, so a reconcile reads memory and never re-lists, and
 * self-heal hears of drift from the watch event itself.
 */
export class LiveStateCache {
  readonly #options: LiveStateCacheOptions;
  readonly #kinds = new Map<string, Promise<WatchedKind | undefined>>();
  readonly #watched = new Map<string, WatchedKind>();
  readonly #byApp = new Map<string, Map<string, KubeObject>>();
  readonly #handlers = new Set<LiveChangeHandler>();

  constructor(options: LiveStateCacheOptions) {
    this.#options = options;
    if (options.onChange) this.#handlers.add(options.onChange);
  }

  /**
   * Starts watching these kinds (those already watched are left alone) and resolves once each has been listed.
   * A kind the cluster does not serve (a CRD not installed yet) is skipped and tried again on the next call;
   * other failures reject, and the kind is tried again next time too.
   */
  async watch(kinds: KindRef[], signal?: AbortSignal): Promise<void> {
    if (this.#options.signal.aborted) {
      throw new LiveStateError('LIVE_STATE_CLOSED', 'the live state cache was stopped; create a new one');
    }
    signal?.throwIfAborted();
    await Promise.all(kinds.map((k) => this.#ensure(k)));
  }

  /** Adds a change handler; returns the function that removes it. */
  subscribe(handler: LiveChangeHandler): () => void {
    this.#handlers.add(handler);
    return () => this.#handlers.delete(handler);
  }

  /** Objects whose tracking id names this app instance and describes the object itself (not a copied annotation). */
  managedObjects(appInstance: string): KubeObject[] {
    return [...(this.#byApp.get(appInstance)?.values() ?? [])];
  }

  /**
   * The live objects to compare an app with (gitops-engine `GetManagedLiveObjs`): its managed objects plus the cached
   * objects that have a target's identity but are not (yet) tracked by it, so they show as OutOfSync, not Missing.
   */
  liveObjects(appInstance: string, targets: KubeObject[]): KubeObject[] {
    const byKey = new Map(this.managedObjects(appInstance).map((o) => [keyOfObject(o), o]));
    for (const target of targets) {
      const live = this.get({
        apiVersion: target.apiVersion,
        kind: target.kind,
        namespace: target.metadata.namespace,
        name: target.metadata.name ?? '',
      });
      if (live && !byKey.has(keyOfObject(live))) byKey.set(keyOfObject(live), live);
    }
    return [...byKey.values()];
  }

  /** The cached object, or undefined when it does not exist or its kind is not watched. */
  get(ref: { apiVersion: string; kind: string; namespace?: string | undefined; name: string }): KubeObject | undefined {
    const watched = this.#watched.get(groupKindKey(ref.apiVersion, ref.kind));
    if (!watched) return undefined;
    const namespace = watched.namespaced ? ref.namespace : undefined;
    return watched.watch.objects.get(objectKey({ ...ref, namespace }));
  }

  /** Whether a kind is watched (listed and kept up to date). */
  isWatched(ref: KindRef): boolean {
    return this.#watched.has(groupKindKey(ref.apiVersion, ref.kind));
  }

  #ensure(ref: KindRef): Promise<WatchedKind | undefined> {
    const key = groupKindKey(ref.apiVersion, ref.kind);
    let started = this.#kinds.get(key);
    if (!started) {
      started = this.#start(ref, key).then(
        (watched) => {
          if (!watched) this.#kinds.delete(key);
          return watched;
        },
        (error: unknown) => {
          this.#kinds.delete(key);
          throw error;
        },
      );
      this.#kinds.set(key, started);
    }
    return started;
  }

  async #start(ref: KindRef, key: string): Promise<WatchedKind | undefined> {
    const { client, kubeconfig, clock, signal } = this.#options;
    let namespaced: boolean;
    try {
      namespaced = (await client.discovery.resourceFor(ref.apiVersion, ref.kind)).namespaced;
    } catch (error) {
      if (error instanceof ClusterError && error.notFound) return undefined;
      throw error;
    }
    // No namespace in the path: namespaced kinds are watched across all namespaces, as Argo CD's cluster cache does.
    const path = await client.path({ apiVersion: ref.apiVersion, kind: ref.kind, name: '' });
    const watch = new KindWatch({
      client,
      kubeconfig,
      clock,
      signal,
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      path,
      onChange: (object, previous) => this.#changed(object, previous),
      onError: (error) => this.#options.onWatchError?.(ref.kind, error),
    });
    // The first list fills the index without notifying: nothing changed, the cache only learnt what exists.
    await watch.start();
    for (const object of watch.objects.values()) this.#index(object, undefined);
    const watched = { namespaced, watch };
    this.#watched.set(key, watched);
    return watched;
  }

  #changed(object: KubeObject | undefined, previous: KubeObject | undefined): void {
    // Events only flow after the first list, which #start indexes itself; this guards against a kind not yet keyed.
    const sample = object ?? previous;
    if (!sample || !this.#watched.has(groupKindKey(sample.apiVersion, sample.kind))) return;
    const apps = this.#index(object, previous);
    const notify = apps.length > 0 ? apps : [undefined];
    for (const app of notify) for (const handler of this.#handlers) handler(app, object, previous);
  }

  /** Moves an object between app indexes; returns the apps it belongs (or belonged) to, new state first. */
  #index(object: KubeObject | undefined, previous: KubeObject | undefined): string[] {
    const before = previous ? this.#appOf(previous) : undefined;
    const after = object ? this.#appOf(object) : undefined;
    const key = keyOfObject((object ?? previous)!);
    if (before !== undefined && before !== after) this.#byApp.get(before)?.delete(key);
    if (before !== undefined && this.#byApp.get(before)?.size === 0) this.#byApp.delete(before);
    if (after !== undefined && object) {
      const objects = this.#byApp.get(after) ?? new Map<string, KubeObject>();
      this.#byApp.set(after, objects);
      objects.set(key, object);
    }
    return [...new Set([after, before].filter((a): a is string => a !== undefined))];
  }

  #appOf(object: KubeObject): string | undefined {
    const id = readTrackingId(object, this.#options.installationId);
    return id && isSelfReferenced(object, id) ? id.applicationName : undefined;
  }
}
