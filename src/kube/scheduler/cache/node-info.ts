import { HostPortUsage } from '../pod/host-ports.ts';
import type { PodInfo } from '../pod/pod-info.ts';
import { parseList, type Resources } from '../pod/requests.ts';
import { type Node, podKey } from '../pod/types.ts';

/**
 * One node and the pods bound to it, with their requests summed as they come and go (K: framework.NodeInfo), so a
 * filter pass costs the same whether the node runs 1 pod or 100. A NodeInfo can exist before its Node arrives
 * (pods bound to a node the scheduler has not seen yet), as in the real scheduler's cache.
 */
export class NodeInfo {
  readonly name: string;
  #node: Node | undefined;
  #allocatable: Resources = {};
  readonly pods = new Map<string, PodInfo>();
  readonly requested: Resources = {};
  readonly nonZeroRequested: Resources = { cpu: 0, memory: 0 };
  readonly ports = new HostPortUsage();

  constructor(name: string) {
    this.name = name;
  }

  get node(): Node | undefined {
    return this.#node;
  }

  get allocatable(): Resources {
    return this.#allocatable;
  }

  setNode(node: Node | undefined): void {
    this.#node = node;
    this.#allocatable = parseList(node?.status?.allocatable);
  }

  addPod(info: PodInfo): void {
    this.pods.set(podKey(info.pod), info);
    this.#account(info, 1);
  }

  removePod(key: string): PodInfo | undefined {
    const info = this.pods.get(key);
    if (!info) return undefined;
    this.pods.delete(key);
    this.#account(info, -1);
    return info;
  }

  #account(info: PodInfo, sign: 1 | -1): void {
    for (const [name, amount] of Object.entries(info.requests)) {
      this.requested[name] = (this.requested[name] ?? 0) + sign * amount;
    }
    this.nonZeroRequested['cpu']! += sign * (info.nonZero['cpu'] ?? 0);
    this.nonZeroRequested['memory']! += sign * (info.nonZero['memory'] ?? 0);
    this.ports.add(info.ports, sign);
  }
}
