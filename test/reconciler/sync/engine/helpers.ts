import { KubeConfig } from '@kubernetes/client-node';
import type { ExecutionContext } from 'ava';
import { type Clock, Random, ScaledClock } from '../../../../src/clock/index.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';
import { startEmbeddedCluster } from '../../../../src/providers/embedded/embedded-cluster.ts';
import { kubeconfigFor } from '../../../../src/providers/state/state-files.ts';
import { ClusterClient, type ObjectRef } from '../../../../src/reconciler/cluster/index.ts';
import {
  SyncContext,
  type SyncOperationOptions,
  type SyncState,
} from '../../../../src/reconciler/sync/engine/index.ts';
import { parseSyncOptions } from '../../../../src/reconciler/sync/plan/index.ts';
import { withTrackingId } from '../../../../src/reconciler/tracking/index.ts';

export const APP = 'guestbook';
export const NS = 'default';

export interface Harness {
  clock: Clock;
  client: ClusterClient;
  live: PolledLive;
}

/** The embedded cluster (API server, controllers, scheduler, kubelets) at speed 20, torn down with the test. */
export async function startHarness(t: ExecutionContext): Promise<Harness> {
  const clock = new ScaledClock({ speed: 20 });
  const cluster = await startEmbeddedCluster({ clock, random: new Random(11), nodes: 2 });
  t.teardown(() => cluster.close());
  const config = new KubeConfig();
  config.loadFromString(kubeconfigFor(cluster.apiServer.url));
  const client = new ClusterClient(config);
  return { clock, client, live: new PolledLive(client) };
}

/**
 * A stand-in for the live state cache: `getLive` answers from the last GET of every ref it was ever asked about,
 * and `refresh()` re-reads them all — so each step sees the cluster as it was just before it, deterministically.
 */
export class PolledLive {
  readonly #client: ClusterClient;
  readonly #refs = new Map<string, ObjectRef>();
  readonly #objects = new Map<string, KubeObject>();

  constructor(client: ClusterClient) {
    this.#client = client;
  }

  readonly getLive = (ref: ObjectRef): KubeObject | undefined => {
    const key = keyOf(ref);
    this.#refs.set(key, ref);
    return this.#objects.get(key);
  };

  async refresh(): Promise<void> {
    for (const [key, ref] of this.#refs) {
      const obj = await this.#client.get(ref).catch(() => undefined);
      if (obj) this.#objects.set(key, { ...obj, apiVersion: ref.apiVersion, kind: ref.kind });
      else this.#objects.delete(key);
    }
  }
}

function keyOf(ref: ObjectRef): string {
  return `${ref.apiVersion}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

export function tracked(obj: KubeObject): KubeObject {
  return withTrackingId(obj, { appInstanceName: APP, destinationNamespace: NS });
}

export function syncOf(
  h: Harness,
  input: {
    targets: KubeObject[];
    live?: KubeObject[];
    options?: Partial<SyncOperationOptions>;
    syncOptions?: string[];
    namespace?: string;
  },
): SyncContext {
  return new SyncContext({
    client: h.client,
    clock: h.clock,
    getLive: h.live.getLive,
    appInstance: APP,
    destinationNamespace: input.namespace ?? NS,
    revision: '0123456789abcdef0123456789abcdef01234567',
    targets: input.targets.map((obj) =>
      withTrackingId(obj, { appInstanceName: APP, destinationNamespace: input.namespace ?? NS }),
    ),
    live: input.live ?? [],
    options: { prune: false, dryRun: false, syncOptions: parseSyncOptions(input.syncOptions ?? []), ...input.options },
    startedAt: h.clock.now(),
  });
}

const TERMINAL = ['Succeeded', 'Failed', 'Error'];

/**
 * Steps the sync every 500 simulated ms (refreshing live state first) until it ends or `until` holds; returns every
 * state seen, so tests can assert the order of events.
 */
export async function runSync(
  h: Harness,
  sync: SyncContext,
  options: { until?: (state: SyncState) => boolean; maxSimulatedMs?: number } = {},
): Promise<SyncState[]> {
  const states: SyncState[] = [];
  const deadline = h.clock.now() + (options.maxSimulatedMs ?? 300_000);
  for (;;) {
    await h.live.refresh();
    await sync.step();
    const state = sync.state();
    states.push(state);
    if (TERMINAL.includes(state.phase) || options.until?.(state)) return states;
    if (h.clock.now() > deadline) throw new Error(`sync still ${state.phase} (${state.message}) at the deadline`);
    await h.clock.sleep(500);
  }
}

export function deployment(
  name: string,
  options: { wave?: number; annotations?: Record<string, string> } = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      annotations: {
        ...(options.wave !== undefined ? { 'argocd.argoproj.io/sync-wave': String(options.wave) } : {}),
        ...options.annotations,
      },
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] },
      },
    },
  };
}

export function service(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 80 }] },
  };
}

export function configMap(name: string, annotations: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, annotations }, data: { key: name } };
}

/** A hook Job; its pod runs `runSeconds` and exits with `exitCode` (kubelet conventions). */
export function hookJob(options: {
  name?: string;
  generateName?: string;
  hook: string;
  deletePolicy?: string;
  exitCode?: number;
  runSeconds?: number;
}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      ...(options.name ? { name: options.name } : {}),
      ...(options.generateName ? { generateName: options.generateName } : {}),
      annotations: {
        'argocd.argoproj.io/hook': options.hook,
        ...(options.deletePolicy ? { 'argocd.argoproj.io/hook-delete-policy': options.deletePolicy } : {}),
      },
    },
    spec: {
      backoffLimit: 0,
      template: {
        metadata: {
          annotations: {
            'gitops-sandbox.io/run-seconds': String(options.runSeconds ?? 2),
            'gitops-sandbox.io/exit-code': String(options.exitCode ?? 0),
          },
        },
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox:1.36' }] },
      },
    },
  };
}

/** Creates objects the way an earlier sync of the app would have (tracked, server-side applied), returning them. */
export async function seed(h: Harness, objects: KubeObject[]): Promise<KubeObject[]> {
  const created: KubeObject[] = [];
  for (const obj of objects) {
    const body = tracked({ ...obj, metadata: { namespace: NS, ...obj.metadata } });
    created.push(await h.client.apply(body, { fieldManager: 'argocd-controller', force: true }));
  }
  return created;
}
