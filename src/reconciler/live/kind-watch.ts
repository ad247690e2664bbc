import { type KubeConfig, Watch } from '@kubernetes/client-node';
import type { Clock } from '../../clock/index.ts';
import type { KubeObject } from '../../kube/object.ts';
import type { ClusterClient } from '../cluster/index.ts';
import { keyOfObject } from './object-key.ts';

/** A change of one object: `object` undefined means deleted, `previous` undefined means new. */
export type KindChange = (object: KubeObject | undefined, previous: KubeObject | undefined) => void;

export interface KindWatchOptions {
  client: ClusterClient;
  kubeconfig: KubeConfig;
  clock: Clock;
  signal: AbortSignal;
  apiVersion: string;
  kind: string;
  /** The collection path across all namespaces (or the cluster-scoped collection). */
  path: string;
  onChange: KindChange;
  /** Told about watch failures that it recovers from; for logs. */
  onError?: (error: unknown) => void;
}

type WatchOutcome = 'closed' | 'expired';

const FIRST_BACKOFF_MS = 200;
const MAX_BACKOFF_MS = 10_000;

/**
 * One list+watch of one kind, the way client-go's reflector and gitops-engine's cluster cache keep it: list once,
 * then watch from the list's resourceVersion; a closed stream resumes from the last revision seen; a 410 Expired
 * (the server's history moved past us) relists and reports only what really changed in the gap.
 */
export class KindWatch {
  readonly objects = new Map<string, KubeObject>();
  readonly #options: KindWatchOptions;
  #resourceVersion = '';

  constructor(options: KindWatchOptions) {
    this.#options = options;
  }

  /** Lists, then keeps watching in the background until the signal aborts. Resolves after the first list. */
  async start(): Promise<void> {
    await this.#list(false);
    void this.#run();
  }

  async #run(): Promise<void> {
    const { clock, signal } = this.#options;
    let backoff = FIRST_BACKOFF_MS;
    let needsList = false;
    while (!signal.aborted) {
      try {
        if (needsList) await this.#list(true);
        needsList = false;
        needsList = (await this.#watchOnce()) === 'expired';
        backoff = FIRST_BACKOFF_MS;
      } catch (error) {
        if (signal.aborted) return;
        // A 410 as the HTTP status (rather than an ERROR event) means the same: relist at once.
        if (statusOf(error) === 410) {
          needsList = true;
          continue;
        }
        this.#options.onError?.(error);
        // Back off on failures (server down, network) as the reflector's backoff manager does.
        try {
          await clock.sleep(backoff, signal);
        } catch {
          return;
        }
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /** Replaces the cache with a fresh list; with `notify`, reports every difference from what was cached. */
  async #list(notify: boolean): Promise<void> {
    const { client, apiVersion, kind, signal } = this.#options;
    const { items, resourceVersion } = await client.list(apiVersion, kind, { signal });
    const seen = new Set<string>();
    for (const item of items) {
      const key = keyOfObject(item);
      seen.add(key);
      const previous = this.objects.get(key);
      this.objects.set(key, item);
      if (notify && previous?.metadata.resourceVersion !== item.metadata.resourceVersion) {
        this.#options.onChange(item, previous);
      }
    }
    for (const [key, previous] of [...this.objects]) {
      if (seen.has(key)) continue;
      this.objects.delete(key);
      if (notify) this.#options.onChange(undefined, previous);
    }
    this.#resourceVersion = resourceVersion;
  }

  /** One watch stream, from the last revision seen until it closes, expires or fails. */
  #watchOnce(): Promise<WatchOutcome> {
    const { kubeconfig, path, signal } = this.#options;
    return new Promise<WatchOutcome>((resolve, reject) => {
      let expired = false;
      let controller: AbortController | undefined;
      const abort = () => controller?.abort();
      signal.addEventListener('abort', abort, { once: true });
      const finish = (error: unknown) => {
        signal.removeEventListener('abort', abort);
        if (expired) resolve('expired');
        // client-node gives up on a stream silent for 30 s (no event, no bookmark): that is a close, not a failure.
        else if (error && !signal.aborted && !isTimeout(error)) reject(error);
        else resolve('closed');
      };
      new Watch(kubeconfig)
        .watch(
          path,
          { resourceVersion: this.#resourceVersion, allowWatchBookmarks: true },
          (type: string, object: KubeObject) => {
            if (expired) return;
            if (type === 'ERROR') {
              // The server ends a watch that cannot resume with an ERROR event carrying a Status (410 Expired).
              const status = object as unknown as { code?: number };
              if (status.code === 410) expired = true;
              controller?.abort();
              return;
            }
            this.#apply(type, object);
          },
          finish,
        )
        .then((c) => {
          controller = c;
          if (signal.aborted || expired) c.abort();
        }, finish);
    });
  }

  #apply(type: string, received: KubeObject): void {
    const { apiVersion, kind } = this.#options;
    if (received.metadata?.resourceVersion) this.#resourceVersion = received.metadata.resourceVersion;
    if (type === 'BOOKMARK') return;
    const object: KubeObject = { ...received, apiVersion, kind };
    const key = keyOfObject(object);
    const previous = this.objects.get(key);
    if (type === 'DELETED') {
      if (!previous) return;
      this.objects.delete(key);
      this.#options.onChange(undefined, previous);
      return;
    }
    if (type !== 'ADDED' && type !== 'MODIFIED') return;
    this.objects.set(key, object);
    this.#options.onChange(object, previous);
  }
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { statusCode, status } = error as { statusCode?: unknown; status?: unknown };
  if (typeof statusCode === 'number') return statusCode;
  return typeof status === 'number' ? status : undefined;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}
