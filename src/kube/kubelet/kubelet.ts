import { microTime } from '../../clock/index.ts';
import { messageOf } from '../../errors.ts';
import type { ImagePullResolver } from '../../registry/index.ts';
import { ApiError } from '../apiserver/api-error.ts';
import type { ControllerContext } from '../controllers/runtime/controller-context.ts';
import type { KubeObject } from '../object.ts';
import { LEASE_DURATION_SECONDS } from './defaults.ts';
import type { StageFiring, StageNext } from './engine/stage.ts';
import { StageEngine } from './engine/stage-engine.ts';
import { KubeletError } from './errors.ts';
import { KubeletInformers } from './kubelet-informers.ts';
import { internalIpOf, podCidrOf } from './node/addresses.ts';
import { nodeLease, registrationNode } from './node/node-object.ts';
import { nodeProfile } from './node/node-stages.ts';
import type { Taint } from './node/node-types.ts';
import { PodIpAllocator } from './node/pod-ips.ts';
import { newPodMemory, type PodMemory } from './pod/pod-memory.ts';
import type { PodNode } from './pod/pod-node.ts';
import { podProfile } from './pod/pod-profile.ts';
import { isTerminalPhase, podStatus } from './pod/pod-types.ts';

export interface KubeletOptions {
  ctx: ControllerContext;
  nodeName: string;
  /** Distinct per node: picks the pod CIDR (10.244.<i>.0/24) and InternalIP (172.18.0.<i+2>). */
  nodeIndex: number;
  /** A control-plane node gets kubeadm's role label and NoSchedule taint. */
  controlPlane?: boolean;
  /** topology.kubernetes.io/zone; default zone-a. */
  zone?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  /** Overrides of the default capacity (cpu, memory, pods, ephemeral-storage); allocatable follows. */
  capacity?: Record<string, string>;
  /** Checks images of known registries; without it every image is pullable. */
  imagePullResolver?: ImagePullResolver;
  /** Informers shared by all kubelets of the process (startKubelets passes one); default: the kubelet's own. */
  informers?: KubeletInformers;
  /** Told about every stage that fires (traces, golden tests). */
  onStage?: (firing: StageFiring) => void;
}

export type KubeletState = 'running' | 'stopped' | 'detached' | 'closed';

export interface StartedKubelet extends AsyncDisposable {
  readonly nodeName: string;
  /** running; stopped (powered off); detached (its Node was deleted); closed. */
  readonly state: KubeletState;
  /** Powers the node off: no heartbeats, no status, pods frozen as they were. Nothing is written until start(). */
  stop(): void;
  /** Powers it back on: lease renewed and Ready posted at once, pods carry on from where they were. */
  start(): void;
  /** Resolves when no image pull is waiting on a registry (for tests stepping a ManualClock). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const FIELD_MANAGER = 'kubelet';
const LEASE_NAMESPACE = 'kube-node-lease';

/**
 * Starts one simulated node agent: registers the Node (or takes over an existing one) and its Lease, then runs the
 * node and pod stage profiles on the injected clock for every pod bound to the node.
 */
export async function startKubelet(options: KubeletOptions): Promise<StartedKubelet> {
  const { ctx, nodeName, nodeIndex } = options;
  const { api, clock, random, events } = ctx;
  ctx.signal.throwIfAborted();
  const own = new AbortController();
  const signal = AbortSignal.any([ctx.signal, own.signal]);
  const { cidr, prefix } = podCidrOf(nodeIndex);
  const hostIP = internalIpOf(nodeIndex);
  const source = { component: 'kubelet', host: nodeName };
  let state: KubeletState = 'running';

  const node = register(options, cidr, hostIP);
  const podNode: PodNode = {
    name: nodeName,
    hostIP,
    ips: new PodIpAllocator({ prefix, nodeName }),
    images: new Map(),
    signal,
    ...(options.imagePullResolver ? { imagePullResolver: options.imagePullResolver } : {}),
  };

  const sink = (object: KubeObject, next: StageNext): KubeObject | undefined => {
    const { namespace, name } = object.metadata;
    try {
      let current = object;
      if (next.spec) {
        current = api.update({ ...current, spec: next.spec }, { fieldManager: FIELD_MANAGER });
      }
      if (next.status) {
        current = api.update(
          { ...current, status: next.status },
          { subresource: 'status', fieldManager: FIELD_MANAGER },
        );
        if (current.kind === 'Pod' && isTerminalPhase(podStatus(current).phase))
          podNode.ips.release(current.metadata.uid!);
      }
      for (const e of next.events ?? []) events.record(current, source, e.type, e.reason, e.message, e.fieldPath);
      if (next.delete) {
        api.delete(current.apiVersion, current.kind, namespace, name!, {
          gracePeriodSeconds: 0,
          preconditions: { uid: current.metadata.uid! },
        });
        return undefined;
      }
      return current;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // Someone else wrote first (409) or the object is gone (404): carry on from what is stored now.
      const latest = api.get(object.apiVersion, object.kind, namespace, name!);
      if (!latest && object.kind === 'Lease' && state === 'running') return ensureLease();
      if (latest && error.status !== 409) throw error;
      return latest;
    }
  };

  const podEngine = new StageEngine<PodMemory>({
    clock,
    random,
    profile: podProfile(podNode),
    memory: newPodMemory,
    sink,
    ...(options.onStage ? { onFire: options.onStage } : {}),
    onError: (object, stage, error) => logFailure(nodeName, object, stage, error),
    signal,
  });
  const nodeEngine = new StageEngine<unknown>({
    clock,
    random,
    profile: nodeProfile(),
    memory: () => undefined,
    sink,
    ...(options.onStage ? { onFire: options.onStage } : {}),
    onError: (object, stage, error) => logFailure(nodeName, object, stage, error),
    signal,
  });

  const ensureLease = (): KubeObject => {
    const stored = api.get('v1', 'Node', undefined, nodeName) ?? node;
    const fresh = nodeLease(stored, LEASE_DURATION_SECONDS, microTime(clock));
    const existing = api.get(fresh.apiVersion, fresh.kind, LEASE_NAMESPACE, nodeName);
    const lease = existing
      ? api.update({ ...existing, spec: fresh['spec'] }, { fieldManager: FIELD_MANAGER })
      : api.create(fresh, { fieldManager: FIELD_MANAGER });
    nodeEngine.observe(lease);
    return lease;
  };

  const informers = options.informers ?? KubeletInformers.start(api, signal);
  const unregister = informers.register(nodeName, {
    podChanged: (pod) => podEngine.observe(pod),
    podDeleted: (pod) => {
      podEngine.forget(pod);
      podNode.ips.release(pod.metadata.uid!);
    },
    nodeChanged: (changed) => {
      if (state !== 'detached' && state !== 'closed') nodeEngine.observe(changed);
    },
    nodeDeleted: () => detach(),
  });

  const detach = () => {
    if (state === 'closed' || state === 'detached') return;
    state = 'detached';
    podEngine.pause();
    nodeEngine.pause();
    unregister();
  };

  nodeEngine.observe(api.get('v1', 'Node', undefined, nodeName) ?? node);
  ensureLease();
  for (const pod of informers.podsOn(nodeName)) podEngine.observe(pod);

  const close = async () => {
    if (state === 'closed') return;
    state = 'closed';
    podEngine.pause();
    nodeEngine.pause();
    unregister();
    own.abort();
  };
  return {
    nodeName,
    get state() {
      return state;
    },
    stop() {
      if (state !== 'running') return;
      state = 'stopped';
      podEngine.pause();
      nodeEngine.pause();
    },
    start() {
      if (state !== 'stopped') return;
      state = 'running';
      nodeEngine.resume();
      podEngine.resume();
    },
    idle: () => podEngine.idle(),
    close,
    [Symbol.asyncDispose]: close,
  };

  function register(opts: KubeletOptions, podCidr: string, internalIP: string): KubeObject {
    const wanted = registrationNode({
      nodeName,
      podCidr,
      internalIP,
      controlPlane: opts.controlPlane ?? false,
      zone: opts.zone ?? 'zone-a',
      ...(opts.labels ? { labels: opts.labels } : {}),
      ...(opts.taints ? { taints: opts.taints } : {}),
      ...(opts.capacity ? { capacity: opts.capacity } : {}),
      now: clock.now(),
      random,
    });
    try {
      const existing = api.get('v1', 'Node', undefined, nodeName);
      if (!existing) return api.create(wanted, { fieldManager: FIELD_MANAGER });
      // Already registered (a restarted sandbox): keep its spec, post this kubelet's status.
      return api.update(
        { ...existing, status: wanted['status'] },
        { subresource: 'status', fieldManager: FIELD_MANAGER },
      );
    } catch (error) {
      throw new KubeletError('NODE_REGISTRATION_FAILED', `node ${nodeName} could not register: ${messageOf(error)}`, {
        cause: error,
      });
    }
  }
}

function logFailure(nodeName: string, object: KubeObject, stage: string, error: unknown): void {
  const { namespace, name } = object.metadata;
  process.stderr.write(
    `kubelet ${nodeName}: stage ${stage} of ${object.kind} ${namespace ? `${namespace}/` : ''}${name}: ${messageOf(error)} (will retry)\n`,
  );
}
