import type { ImagePullResolver } from '../../registry/index.ts';
import type { ControllerContext } from '../controllers/runtime/controller-context.ts';
import type { StageFiring } from './engine/stage.ts';
import { type StartedKubelet, startKubelet } from './kubelet.ts';
import { KubeletInformers } from './kubelet-informers.ts';

export interface KubeletsOptions {
  ctx: ControllerContext;
  /** Total nodes including the control plane; default 3 (control-plane, worker-1, worker-2), as kind's example. */
  nodes?: number;
  imagePullResolver?: ImagePullResolver;
  zones?: string[];
  onStage?: (firing: StageFiring) => void;
}

export interface StartedKubelets extends AsyncDisposable {
  readonly all: readonly StartedKubelet[];
  get(nodeName: string): StartedKubelet | undefined;
  close(): Promise<void>;
}

/**
 * The default topology: `control-plane` (tainted NoSchedule) and workers `worker-1` … `worker-<N-1>`, workers
 * spread round-robin over the zones (zone-a, zone-b), all sharing one pair of informers.
 */
export async function startKubelets(options: KubeletsOptions): Promise<StartedKubelets> {
  const { ctx } = options;
  const count = options.nodes ?? 3;
  const zones = options.zones ?? ['zone-a', 'zone-b'];
  const own = new AbortController();
  const signal = AbortSignal.any([ctx.signal, own.signal]);
  const informers = KubeletInformers.start(ctx.api, signal);
  const shared = { ...ctx, signal };
  const started: StartedKubelet[] = [];
  const close = async () => {
    // Reverse order of start, then the informers they shared.
    for (const kubelet of [...started].reverse()) await kubelet.close();
    own.abort();
  };
  try {
    for (let i = 0; i < count; i++) {
      started.push(
        await startKubelet({
          ctx: shared,
          nodeName: i === 0 ? 'control-plane' : `worker-${i}`,
          nodeIndex: i,
          controlPlane: i === 0,
          zone: zones[i === 0 ? 0 : (i - 1) % zones.length]!,
          informers,
          ...(options.imagePullResolver ? { imagePullResolver: options.imagePullResolver } : {}),
          ...(options.onStage ? { onStage: options.onStage } : {}),
        }),
      );
    }
  } catch (error) {
    await close();
    throw error;
  }
  const byName = new Map(started.map((k) => [k.nodeName, k]));
  return { all: started, get: (name) => byName.get(name), close, [Symbol.asyncDispose]: close };
}
