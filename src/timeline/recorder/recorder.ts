import type { Clock } from '../../clock/index.ts';
import { Timeline } from '../timeline.ts';
import type { ClusterView } from './cluster-view.ts';
import { startClusterWatches } from './cluster-watches.ts';
import { type GitWatchOptions, type GitWebhooks, startGitWebhooks } from './git-webhooks.ts';
import { type RegistryWatchOptions, startRegistryPoller } from './registry-poller.ts';

export interface RecorderOptions {
  kubeconfigPath: string;
  clock: Clock;
  /** Watch pushes to these repositories (default: all of the user's) through Gitea push webhooks. */
  git?: GitWatchOptions;
  /** Poll this registry for new and moved tags. */
  registry?: RegistryWatchOptions;
  /** Namespaces of the workloads to record (Deployments, Pods, EndpointSlices); default all. */
  namespaces?: readonly string[];
  /** Where Applications live (default argocd). */
  applicationNamespace?: string;
  /** The host name the git server reaches the recorder's webhook receiver by; kind needs host.docker.internal. */
  webhookHost?: string;
  /** Record into this timeline (default a new one on the clock). */
  timeline?: Timeline;
  /** Told about failures the recorder recovers from (a watch restarting, a registry poll failing); for logs. */
  onError?: (error: unknown) => void;
  /** Aborts start-up; what was started is stopped. */
  signal?: AbortSignal;
}

export interface Recorder extends AsyncDisposable {
  readonly timeline: Timeline;
  /** What the watches see now; the simulated probe transport reads endpoints and pods from it. */
  readonly cluster: ClusterView;
  /** The git webhook receiver's URL, when git is watched. */
  readonly webhookUrl: string | undefined;
  /** Already resolved: startRecorder returns once the initial lists, hooks and first registry poll are done. */
  ready(): Promise<void>;
  /** Stops watching, removes the git hooks. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Records a sandbox's timeline from outside, through the same protocols on every provider and for any reconciler:
 * Kubernetes watches, Gitea push webhooks and the registry's distribution API. Events are stamped with the
 * clock's now() when the recorder sees them (not the objects' own timestamps, which have second precision).
 */
export async function startRecorder(options: RecorderOptions): Promise<Recorder> {
  const { clock } = options;
  const timeline = options.timeline ?? new Timeline({ clock });
  const lifetime = new AbortController();
  const onAbort = () => lifetime.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let hooks: GitWebhooks | undefined;
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= (async () => {
      options.signal?.removeEventListener('abort', onAbort);
      await hooks?.close();
      lifetime.abort();
    })();
    return closed;
  };
  try {
    options.signal?.throwIfAborted();
    // Every part starts even when one fails, so close() knows of everything it must undo.
    const [cluster, git, registry] = await Promise.allSettled([
      startClusterWatches({
        kubeconfigPath: options.kubeconfigPath,
        clock,
        sink: timeline,
        signal: lifetime.signal,
        ...(options.namespaces ? { namespaces: options.namespaces } : {}),
        ...(options.applicationNamespace ? { applicationNamespace: options.applicationNamespace } : {}),
        ...(options.onError ? { onError: options.onError } : {}),
      }),
      options.git &&
        startGitWebhooks({
          git: options.git,
          clock,
          sink: timeline,
          ...(options.webhookHost ? { webhookHost: options.webhookHost } : {}),
        }),
      options.registry &&
        startRegistryPoller({
          registry: options.registry,
          clock,
          sink: timeline,
          signal: lifetime.signal,
          ...(options.onError ? { onError: options.onError } : {}),
        }),
    ]);
    if (git.status === 'fulfilled') hooks = git.value;
    for (const part of [cluster, git, registry]) if (part.status === 'rejected') throw part.reason;
    const view = (cluster as PromiseFulfilledResult<ClusterView>).value;
    options.signal?.throwIfAborted();
    return {
      timeline,
      cluster: view,
      webhookUrl: hooks?.url,
      ready: () => Promise.resolve(),
      close,
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
