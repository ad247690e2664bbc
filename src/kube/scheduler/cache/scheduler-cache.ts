import type { PodInfo } from '../pod/pod-info.ts';
import { podInfo } from '../pod/pod-info.ts';
import { type Node, type Pod, podKey } from '../pod/types.ts';
import { NodeInfo } from './node-info.ts';
import { zoneInterleaved } from './node-order.ts';
import { SpreadCounts } from './spread-counts.ts';

/**
 * Nodes and the pods bound to them (K: pkg/scheduler/backend/cache): a pod counts on its node from the moment it is
 * bound until it is deleted or reaches Succeeded/Failed (the scheduler's pod informer ignores terminal pods).
 * Terminating pods still hold their resources.
 */
export class SchedulerCache {
  readonly #infos = new Map<string, NodeInfo>();
  readonly #podNode = new Map<string, string>();
  readonly spread = new SpreadCounts();
  #order: NodeInfo[] | undefined;

  /** Nodes that exist, round-robin across zones. */
  nodes(): NodeInfo[] {
    if (!this.#order) {
      const known = [...this.#infos.values()].flatMap((i) => (i.node ? [i.node] : []));
      this.#order = zoneInterleaved(known).map((name) => this.#infos.get(name)!);
    }
    return this.#order;
  }

  node(name: string): NodeInfo | undefined {
    return this.#infos.get(name);
  }

  setNode(node: Node): void {
    const info = this.#info(node.metadata.name!);
    const previous = info.node;
    info.setNode(node);
    if (!previous || zoneOf(previous) !== zoneOf(node)) this.#order = undefined;
  }

  removeNode(name: string): void {
    const info = this.#infos.get(name);
    if (!info) return;
    info.setNode(undefined);
    if (info.pods.size === 0) this.#infos.delete(name);
    this.#order = undefined;
  }

  /** Takes in any version of a pod: bound and not terminal → counted on its node; otherwise not counted. */
  updatePod(pod: Pod): void {
    this.removePod(pod);
    const nodeName = pod.spec?.nodeName;
    const phase = pod.status?.phase;
    if (!nodeName || phase === 'Succeeded' || phase === 'Failed') return;
    const info: PodInfo = podInfo(pod);
    this.#info(nodeName).addPod(info);
    this.#podNode.set(podKey(pod), nodeName);
    this.spread.change(pod, nodeName, 1);
  }

  removePod(pod: Pod): void {
    const key = podKey(pod);
    const nodeName = this.#podNode.get(key);
    if (!nodeName) return;
    this.#podNode.delete(key);
    const info = this.#infos.get(nodeName);
    const removed = info?.removePod(key);
    if (removed) this.spread.change(removed.pod, nodeName, -1);
    if (info && !info.node && info.pods.size === 0) this.#infos.delete(nodeName);
  }

  /** Every bound pod with its node, for building a spread group. */
  *boundPods(): Iterable<{ pod: Pod; node: string }> {
    for (const info of this.#infos.values()) {
      for (const p of info.pods.values()) yield { pod: p.pod, node: info.name };
    }
  }

  #info(name: string): NodeInfo {
    let info = this.#infos.get(name);
    if (!info) {
      info = new NodeInfo(name);
      this.#infos.set(name, info);
    }
    return info;
  }
}

function zoneOf(node: Node): string {
  const labels = node.metadata.labels ?? {};
  return `${labels['topology.kubernetes.io/region'] ?? ''}/${labels['topology.kubernetes.io/zone'] ?? ''}`;
}
