import { ManualClock, Random } from '../../../../src/clock/index.ts';
import type { KubeApi } from '../../../../src/kube/apiserver/kube-api.ts';
import { startApiServer } from '../../../../src/kube/apiserver/server.ts';
import { startDeploymentController } from '../../../../src/kube/controllers/deployment/deployment-controller.ts';
import { startGarbageCollector } from '../../../../src/kube/controllers/garbage-collector/garbage-collector.ts';
import { startReplicaSetController } from '../../../../src/kube/controllers/replicaset/replicaset-controller.ts';
import type { Pod } from '../../../../src/kube/controllers/replicaset/types.ts';
import { EventRecorder } from '../../../../src/kube/controllers/runtime/event-recorder.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';

export interface ClusterOptions {
  /** Simulated ms from pod creation to Running+Ready; pods for which `neverReady` says true stay Pending. */
  readyAfterMs?: number;
  neverReady?: (pod: Pod) => boolean;
  /** Simulated ms a terminating pod lingers before the fake kubelet removes it. */
  terminateAfterMs?: number;
  deployments?: boolean;
}

/**
 * An in-process API server with the ReplicaSet (and Deployment) controller, the garbage collector, and a tiny fake
 * kubelet that marks pods Running+Ready after a delay and finishes graceful deletions. No scheduler: pods created
 * by the controllers stay unscheduled, so deleting them is immediate.
 */
export async function startCluster(options: ClusterOptions = {}) {
  const clock = new ManualClock();
  const server = await startApiServer({ clock });
  const api = server.api;
  const controllers = new AbortController();
  const random = new Random(7);
  const events = new EventRecorder({ api, clock, random });
  const ctx = { api, clock, random, events, signal: controllers.signal };
  startReplicaSetController(ctx);
  if (options.deployments ?? true) startDeploymentController(ctx);
  startGarbageCollector({ api, clock, signal: controllers.signal });
  const readyAfter = options.readyAfterMs ?? 2000;
  const unsubscribe = api.onChange((event) => {
    if (event.object.kind !== 'Pod' || event.type === 'DELETED') return;
    const pod = event.object as Pod;
    if (event.type === 'ADDED' && !pod.metadata.deletionTimestamp && !options.neverReady?.(pod)) {
      clock.setTimer(readyAfter, () => markReady(api, clock, pod), controllers.signal);
    }
    if (pod.metadata.deletionTimestamp && event.type === 'MODIFIED') {
      clock.setTimer(
        options.terminateAfterMs ?? 1000,
        () => {
          api.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!, {
            gracePeriodSeconds: 0,
            preconditions: { uid: pod.metadata.uid! },
          });
        },
        controllers.signal,
      );
    }
  });
  return {
    api,
    clock,
    /** Advances simulated time in small steps so every queue and timer gets its turn. */
    async advance(ms: number, step = 100) {
      for (let t = 0; t < ms; t += step) await clock.advance(Math.min(step, ms - t));
    },
    pods(namespace = 'default', labelSelector?: string): Pod[] {
      return api.list('v1', 'Pod', { namespace, ...(labelSelector ? { labelSelector } : {}) }) as Pod[];
    },
    events(reason?: string): KubeObject[] {
      return api.list('v1', 'Event', { namespace: 'default' }).filter((e) => !reason || e['reason'] === reason);
    },
    async [Symbol.asyncDispose]() {
      unsubscribe();
      controllers.abort();
      await server.close();
    },
  };
}

export function markReady(api: KubeApi, clock: ManualClock, pod: Pod): void {
  const fresh = api.get('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!) as Pod | undefined;
  if (!fresh || fresh.metadata.uid !== pod.metadata.uid || fresh.metadata.deletionTimestamp) return;
  const now = new Date(Math.floor(clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  const conditions = ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({
    type,
    status: 'True' as const,
    lastTransitionTime: now,
  }));
  api.update(
    { ...fresh, status: { ...(fresh.status ?? {}), phase: 'Running', conditions } },
    { subresource: 'status' },
  );
}

export function isActive(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

export function isReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function template(image: string, labels: Record<string, string> = { app: 'web' }) {
  return { metadata: { labels }, spec: { containers: [{ name: 'web', image }] } };
}
