import type { Pod } from './types.ts';

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/** The wildcard address a hostPort binds when hostIP is empty (K: pkg/scheduler/framework/types.go DefaultBindAllHostIP). */
export const ANY_IP = '0.0.0.0';

/** Host ports a pod asks for: regular containers and sidecars, which both keep running (K: NodePorts plugin). */
export function hostPorts(pod: Pod): HostPort[] {
  const spec = pod.spec ?? {};
  const running = [
    ...(spec.containers ?? []),
    ...(spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always'),
  ];
  const out: HostPort[] = [];
  for (const c of running) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ ip: p.hostIP || ANY_IP, protocol: p.protocol || 'TCP', port: p.hostPort });
    }
  }
  return out;
}

/**
 * Host ports in use on one node, counted per address (K: HostPortInfo): two pods conflict on the same protocol and
 * port when either binds 0.0.0.0 or both bind the same address.
 */
export class HostPortUsage {
  readonly #used = new Map<string, Map<string, number>>();

  add(ports: HostPort[], delta: 1 | -1): void {
    for (const p of ports) {
      const key = `${p.protocol}/${p.port}`;
      const ips = this.#used.get(key) ?? new Map<string, number>();
      const count = (ips.get(p.ip) ?? 0) + delta;
      if (count > 0) ips.set(p.ip, count);
      else ips.delete(p.ip);
      if (ips.size > 0) this.#used.set(key, ips);
      else this.#used.delete(key);
    }
  }

  conflicts(port: HostPort): boolean {
    const ips = this.#used.get(`${port.protocol}/${port.port}`);
    if (!ips) return false;
    return port.ip === ANY_IP || ips.has(ANY_IP) || ips.has(port.ip);
  }
}
