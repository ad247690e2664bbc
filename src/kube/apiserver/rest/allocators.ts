import type { Random } from '../../../clock/index.ts';

/**
 * Service ClusterIPs from the default service CIDR 10.96.0.0/12 (kube-apiserver --service-cluster-ip-range default)
 * and NodePorts from 30000-32767 (--service-node-port-range default). 10.96.0.1 belongs to the `kubernetes` Service.
 */
export class ServiceAllocators {
  readonly #random: Random;
  readonly #ips = new Set<string>(['10.96.0.1']);
  readonly #ports = new Set<number>();

  constructor(random: Random) {
    this.#random = random;
  }

  allocateClusterIP(): string {
    for (;;) {
      const offset = 2 + this.#random.int((1 << 20) - 3);
      const ip = `10.${96 + (offset >> 16)}.${(offset >> 8) & 255}.${offset & 255}`;
      if (!this.#ips.has(ip)) {
        this.#ips.add(ip);
        return ip;
      }
    }
  }

  reserveClusterIP(ip: string): void {
    this.#ips.add(ip);
  }

  allocateNodePort(): number {
    if (this.#ports.size >= 2768) throw new RangeError('no NodePort left in 30000-32767');
    for (;;) {
      const port = 30000 + this.#random.int(2768);
      if (!this.#ports.has(port)) {
        this.#ports.add(port);
        return port;
      }
    }
  }

  release(service: { spec?: { clusterIP?: string; ports?: { nodePort?: number }[] } }): void {
    const ip = service.spec?.clusterIP;
    if (ip && ip !== '10.96.0.1') this.#ips.delete(ip);
    for (const port of service.spec?.ports ?? []) if (port.nodePort) this.#ports.delete(port.nodePort);
  }
}
