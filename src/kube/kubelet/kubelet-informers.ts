import type { KubeApi } from '../apiserver/kube-api.ts';
import { Informer } from '../controllers/runtime/informer.ts';
import type { KubeObject } from '../object.ts';

export interface NodeAgentHandlers {
  podChanged(pod: KubeObject): void;
  podDeleted(pod: KubeObject): void;
  nodeChanged(node: KubeObject): void;
  nodeDeleted(node: KubeObject): void;
}

const BY_NODE = 'spec.nodeName';

/**
 * One Pod informer (indexed by spec.nodeName) and one Node informer shared by every simulated kubelet in the
 * process, routing each change to the one agent it concerns. A real kubelet watches pods with a field selector on
 * its node name; a thousand in-process kubelets each filtering every pod change would cost nodes × changes.
 * Handlers only schedule work (the agents' stage engines set timers), never write.
 */
export class KubeletInformers {
  readonly pods: Informer;
  readonly nodes: Informer;
  readonly #agents = new Map<string, NodeAgentHandlers>();

  private constructor(api: KubeApi) {
    this.pods = new Informer(api, 'v1', 'Pod').addIndex(BY_NODE, (pod) => {
      const nodeName = (pod['spec'] as { nodeName?: string } | undefined)?.nodeName;
      return nodeName ? [nodeName] : [];
    });
    this.nodes = new Informer(api, 'v1', 'Node');
  }

  /** Starts both informers; they stop when `signal` aborts. */
  static start(api: KubeApi, signal: AbortSignal): KubeletInformers {
    const informers = new KubeletInformers(api);
    const route = (pod: KubeObject) => {
      const nodeName = (pod['spec'] as { nodeName?: string } | undefined)?.nodeName;
      return nodeName ? informers.#agents.get(nodeName) : undefined;
    };
    informers.pods.on({
      added: (pod) => route(pod)?.podChanged(pod),
      updated: (_previous, pod) => route(pod)?.podChanged(pod),
      deleted: (pod) => route(pod)?.podDeleted(pod),
    });
    informers.nodes.on({
      added: (node) => informers.#agents.get(node.metadata.name!)?.nodeChanged(node),
      updated: (_previous, node) => informers.#agents.get(node.metadata.name!)?.nodeChanged(node),
      deleted: (node) => informers.#agents.get(node.metadata.name!)?.nodeDeleted(node),
    });
    informers.pods.start(signal);
    informers.nodes.start(signal);
    return informers;
  }

  /** Routes changes of `nodeName` and its pods to `handlers`; returns the unregister function. */
  register(nodeName: string, handlers: NodeAgentHandlers): () => void {
    this.#agents.set(nodeName, handlers);
    return () => {
      if (this.#agents.get(nodeName) === handlers) this.#agents.delete(nodeName);
    };
  }

  podsOn(nodeName: string): KubeObject[] {
    return this.pods.byIndex(BY_NODE, nodeName);
  }
}
