import { ManualClock, Random } from '../../../../src/clock/index.ts';
import { bindPod } from '../../../../src/kube/apiserver/rest/subresources/pod-binding.ts';
import { startApiServer } from '../../../../src/kube/apiserver/server.ts';
import type { ControllerContext } from '../../../../src/kube/controllers/runtime/controller-context.ts';
import { EventRecorder } from '../../../../src/kube/controllers/runtime/event-recorder.ts';
import type { StageFiring } from '../../../../src/kube/kubelet/index.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';

/** An in-process API server on a ManualClock with a fixed seed, and what a kubelet needs to run against it. */
export async function startTestCluster(seed = 7) {
  const clock = new ManualClock();
  const random = new Random(seed);
  const server = await startApiServer({ clock, random: new Random(seed + 1) });
  const controller = new AbortController();
  const ctx: ControllerContext = {
    api: server.api,
    clock,
    random,
    events: new EventRecorder({ api: server.api, clock, random }),
    signal: controller.signal,
  };
  const trace: StageFiring[] = [];
  const snapshots: KubeObject[] = [];
  const eventOrder = new Map<string, number>();
  server.api.onChange((e) => {
    if (e.type === 'ADDED' && e.object.kind === 'Event') eventOrder.set(e.object.metadata.name!, eventOrder.size);
  });
  const start = clock.now();
  return {
    clock,
    api: server.api,
    ctx,
    trace,
    /** Stage firings as `+<seconds>s <stage> <name>` relative to the start. */
    traceLines: () => trace.map((f) => `+${((f.at - start) / 1000).toFixed(3)}s ${f.stage} ${f.kind}/${f.name}`),
    onStage: (firing: StageFiring) => trace.push(firing),
    snapshots,
    /** Keeps the current version of every pod in default, for fixtures of objects that are about to go away. */
    snapshot: () => snapshots.push(...server.api.list('v1', 'Pod', { namespace: 'default' })),
    pod: (name: string, namespace = 'default') => server.api.get('v1', 'Pod', namespace, name),
    node: (name: string) => server.api.get('v1', 'Node', undefined, name),
    events: (name: string) =>
      server.api
        .list('v1', 'Event', { namespace: 'default' })
        .filter((e) => (e['involvedObject'] as { name: string }).name === name)
        // Creation order (names sort by time, and randomly within one millisecond).
        .sort((a, b) => (eventOrder.get(a.metadata.name!) ?? 0) - (eventOrder.get(b.metadata.name!) ?? 0))
        .map(
          (e) => `${e['type']} ${e['reason']}: ${e['message']}${(e['count'] as number) > 1 ? ` (x${e['count']})` : ''}`,
        ),
    /** Creates a pod and binds it to `nodeName`, as the scheduler would. */
    createBound(pod: KubeObject, nodeName: string): KubeObject {
      const created = server.api.create(pod);
      const type = server.context.types.byKind('v1', 'Pod')!;
      const binding = {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name: created.metadata.name },
        target: { kind: 'Node', name: nodeName },
      };
      bindPod(server.context, type, created.metadata.namespace!, created.metadata.name!, binding, {
        dryRun: false,
        fieldManager: 'kube-scheduler',
        fieldValidation: 'Strict',
        force: false,
      });
      return created;
    },
    async close() {
      controller.abort();
      await server.close();
    },
    async [Symbol.asyncDispose]() {
      controller.abort();
      await server.close();
    },
  };
}

export function simplePod(
  name: string,
  extra: {
    annotations?: Record<string, string>;
    spec?: Record<string, unknown>;
    container?: Record<string, unknown>;
  } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: {
      containers: [{ name: 'web', image: 'nginx:1.27', ...extra.container }],
      ...extra.spec,
    },
  };
}
