import { ManualClock, Random } from '../../../src/clock/index.ts';
import type { KubeApi } from '../../../src/kube/apiserver/kube-api.ts';
import { type StartedApiServer, startApiServer } from '../../../src/kube/apiserver/server.ts';
import { EventRecorder } from '../../../src/kube/controllers/runtime/event-recorder.ts';
import type { KubeObject } from '../../../src/kube/object.ts';
import {
  apiContextBinder,
  type SchedulerOptions,
  type StartedScheduler,
  startScheduler,
} from '../../../src/kube/scheduler/index.ts';

export interface Harness extends AsyncDisposable {
  api: KubeApi;
  clock: ManualClock;
  server: StartedApiServer;
  scheduler: StartedScheduler;
  /** Lets the scheduler run everything due now (or after `ms`). */
  settle(ms?: number): Promise<void>;
  pod(name: string, namespace?: string): KubeObject;
  events(name: string, reason?: string): KubeObject[];
}

export async function harness(
  options: SchedulerOptions & { startScheduler?: boolean; seed?: number } = {},
): Promise<Harness> {
  const clock = new ManualClock();
  const random = new Random(options.seed ?? 7);
  const server = await startApiServer({ clock, random });
  const { api } = server;
  const controller = new AbortController();
  const events = new EventRecorder({ api, clock, random });
  const scheduler = startScheduler(
    { api, clock, random, events, signal: controller.signal },
    { binder: apiContextBinder(server.context), ...options },
  );
  return {
    api,
    clock,
    server,
    scheduler,
    async settle(ms = 0) {
      await clock.advance(ms);
      // The scheduler drains on the clock's tick and yields to the event loop every 100 pods.
      for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
      await clock.advance(0);
    },
    pod: (name, namespace = 'default') => api.get('v1', 'Pod', namespace, name)!,
    events: (name, reason) =>
      api
        .list('v1', 'Event', { namespace: 'default' })
        .filter(
          (e) =>
            (e['involvedObject'] as { name: string }).name === name && (reason === undefined || e['reason'] === reason),
        ),
    async [Symbol.asyncDispose]() {
      controller.abort();
      await server.close();
    },
  };
}

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  unschedulable?: boolean;
  extra?: Record<string, string>;
}

export function node(name: string, options: NodeOptions = {}): KubeObject {
  const allocatable = {
    cpu: options.cpu ?? '4',
    memory: options.memory ?? '8Gi',
    pods: options.pods ?? '110',
    'ephemeral-storage': '100Gi',
    ...options.extra,
  };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...options.labels },
    },
    spec: {
      ...(options.taints ? { taints: options.taints } : {}),
      ...(options.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      capacity: allocatable,
      allocatable,
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

export interface PodOptions {
  cpu?: string;
  memory?: string;
  labels?: Record<string, string>;
  spec?: Record<string, unknown>;
  ownerUid?: string;
  ownerName?: string;
  hostPort?: number;
  namespace?: string;
}

export function pod(name: string, options: PodOptions = {}): KubeObject {
  const requests: Record<string, string> = {};
  if (options.cpu) requests['cpu'] = options.cpu;
  if (options.memory) requests['memory'] = options.memory;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: options.namespace ?? 'default',
      labels: options.labels ?? { app: name },
      ...(options.ownerUid
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: options.ownerName ?? 'rs',
                uid: options.ownerUid,
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'nginx',
          ...(Object.keys(requests).length > 0 ? { resources: { requests } } : {}),
          ...(options.hostPort ? { ports: [{ containerPort: 80, hostPort: options.hostPort }] } : {}),
        },
      ],
      ...options.spec,
    },
  };
}

export function nodeNameOf(object: KubeObject): string | undefined {
  return (object['spec'] as { nodeName?: string }).nodeName;
}

export function scheduledCondition(object: KubeObject): Record<string, unknown> | undefined {
  const status = object['status'] as { conditions?: { type: string }[] } | undefined;
  return status?.conditions?.find((c) => c.type === 'PodScheduled');
}

export const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
