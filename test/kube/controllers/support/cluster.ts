import { formatTime, ManualClock, microTime, Random } from '../../../../src/clock/index.ts';
import type { KubeApi } from '../../../../src/kube/apiserver/kube-api.ts';
import { startApiServer } from '../../../../src/kube/apiserver/server.ts';
import type { Pod } from '../../../../src/kube/controllers/endpointslice/pod.ts';
import type { ControllerContext } from '../../../../src/kube/controllers/runtime/controller-context.ts';
import { EventRecorder } from '../../../../src/kube/controllers/runtime/event-recorder.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';

export interface TestCluster extends AsyncDisposable {
  api: KubeApi;
  clock: ManualClock;
  ctx: ControllerContext;
}

/** The in-process API server on a ManualClock, and a ControllerContext for the controller under test. */
export async function startCluster(): Promise<TestCluster> {
  const clock = new ManualClock();
  const random = new Random(7);
  const server = await startApiServer({ clock, random });
  const abort = new AbortController();
  const api = server.api;
  const events = new EventRecorder({ api, clock, random });
  return {
    api,
    clock,
    ctx: { api, clock, random, events, signal: abort.signal },
    async [Symbol.asyncDispose]() {
      abort.abort();
      await server.close();
    },
  };
}

/** A Ready node, as a kubelet registers it. */
export function createNode(
  api: KubeApi,
  clock: ManualClock,
  name: string,
  labels: Record<string, string> = {},
): KubeObject {
  const node = api.create({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    spec: {},
  });
  return api.update(
    { ...node, status: { conditions: nodeConditions(clock, 'True') } },
    { subresource: 'status', fieldManager: 'kubelet' },
  );
}

export function nodeConditions(clock: ManualClock, ready: 'True' | 'False') {
  const now = formatTime(clock.now());
  const condition = (type: string, status: string, reason: string) => ({
    type,
    status,
    reason,
    message: reason,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
  });
  return [
    condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory'),
    condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure'),
    condition('PIDPressure', 'False', 'KubeletHasSufficientPID'),
    condition('Ready', ready, ready === 'True' ? 'KubeletReady' : 'KubeletNotReady'),
  ];
}

/** The node's Lease, renewed now (a kubelet heartbeat). */
export function renewLease(api: KubeApi, clock: ManualClock, node: string): void {
  const existing = api.get('coordination.k8s.io/v1', 'Lease', 'kube-node-lease', node);
  const spec = { holderIdentity: node, leaseDurationSeconds: 40, renewTime: microTime(clock) };
  if (existing)
    api.update({ ...existing, spec: { ...(existing['spec'] as object), ...spec } }, { fieldManager: 'kubelet' });
  else
    api.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: node, namespace: 'kube-node-lease' },
      spec,
    });
}

/** Renews the node's Lease every 10 s until the returned stop function is called (kubelet defaults). */
export function heartbeat(api: KubeApi, clock: ManualClock, node: string): () => void {
  let stopped = false;
  const beat = () => {
    if (stopped) return;
    renewLease(api, clock, node);
    clock.setTimer(10_000, beat);
  };
  beat();
  return () => {
    stopped = true;
  };
}

export interface PodOptions {
  name: string;
  labels?: Record<string, string>;
  node?: string;
  ip?: string;
  ready?: boolean;
  phase?: string;
  namespace?: string;
  ports?: { name?: string; containerPort: number }[];
  tolerations?: unknown[];
  ownerReferences?: KubeObject['metadata']['ownerReferences'];
}

/** A pod as a scheduler and kubelet would leave it: bound, with an IP and a Ready condition. */
export function createPod(api: KubeApi, clock: ManualClock, options: PodOptions): Pod {
  const pod = api.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: options.name,
      namespace: options.namespace ?? 'default',
      labels: options.labels ?? {},
      ...(options.ownerReferences ? { ownerReferences: options.ownerReferences } : {}),
    },
    spec: {
      ...(options.node ? { nodeName: options.node } : {}),
      containers: [{ name: 'app', image: 'nginx', ...(options.ports ? { ports: options.ports } : {}) }],
      ...(options.tolerations ? { tolerations: options.tolerations } : {}),
    },
  }) as Pod;
  if (!options.ip && !options.phase) return pod;
  return setPodStatus(api, clock, pod, {
    phase: options.phase ?? 'Running',
    ip: options.ip,
    ready: options.ready ?? true,
  });
}

export function setPodStatus(
  api: KubeApi,
  clock: ManualClock,
  pod: KubeObject,
  status: { phase: string; ip?: string | undefined; ready: boolean },
): Pod {
  const current = api.get('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!)!;
  const now = formatTime(clock.now());
  return api.update(
    {
      ...current,
      status: {
        phase: status.phase,
        ...(status.ip ? { podIP: status.ip, podIPs: [{ ip: status.ip }] } : {}),
        conditions: [
          { type: 'Ready', status: status.ready ? 'True' : 'False', lastTransitionTime: now, lastProbeTime: null },
        ],
      },
    },
    { subresource: 'status', fieldManager: 'kubelet' },
  ) as Pod;
}

export function getPod(api: KubeApi, name: string, namespace = 'default'): Pod | undefined {
  return api.get('v1', 'Pod', namespace, name) as Pod | undefined;
}
