import { KubeletError } from '../errors.ts';

/**
 * Pod IPs from the node's /24, as the host-local IPAM plugin kind's CNI uses hands them out: .1 is the bridge
 * gateway, addresses go round-robin from .2 to .254 after the last one given, skipping those in use.
 */
export class PodIpAllocator {
  readonly #prefix: string;
  readonly #nodeName: string;
  readonly #byPod = new Map<string, number>();
  readonly #used = new Set<number>();
  #last = 1;

  constructor(options: { prefix: string; nodeName: string }) {
    this.#prefix = options.prefix;
    this.#nodeName = options.nodeName;
  }

  /** The pod's address (the same one when asked again for the same pod uid). */
  allocate(podUid: string): string {
    const existing = this.#byPod.get(podUid);
    if (existing !== undefined) return `${this.#prefix}.${existing}`;
    for (let i = 0; i < 253; i++) {
      const candidate = ((this.#last - 2 + 1 + i) % 253) + 2;
      if (this.#used.has(candidate)) continue;
      this.#used.add(candidate);
      this.#byPod.set(podUid, candidate);
      this.#last = candidate;
      return `${this.#prefix}.${candidate}`;
    }
    throw new KubeletError(
      'POD_CIDR_EXHAUSTED',
      `node ${this.#nodeName} has no free pod IP in ${this.#prefix}.0/24: delete finished pods or add nodes`,
    );
  }

  release(podUid: string): void {
    const octet = this.#byPod.get(podUid);
    if (octet === undefined) return;
    this.#byPod.delete(podUid);
    this.#used.delete(octet);
  }

  get inUse(): number {
    return this.#used.size;
  }
}
