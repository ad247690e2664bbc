import { KubeletError } from '../errors.ts';

/**
 * Node i's pod CIDR and InternalIP. Kind's pod subnet 10.244.0.0/16 gives node i 10.244.i.0/24 (the node IPAM
 * controller hands out /24s in registration order); past 256 nodes we continue into 10.245.0.0/16 and so on, as a
 * wider cluster CIDR would. InternalIPs follow kind's docker network 172.18.0.0/16, where .1 is the gateway.
 */
export function podCidrOf(nodeIndex: number): { cidr: string; prefix: string } {
  checkIndex(nodeIndex);
  const prefix = `10.${244 + Math.floor(nodeIndex / 256)}.${nodeIndex % 256}`;
  return { cidr: `${prefix}.0/24`, prefix };
}

export function internalIpOf(nodeIndex: number): string {
  checkIndex(nodeIndex);
  const n = nodeIndex + 2;
  return `172.18.${Math.floor(n / 256)}.${n % 256}`;
}

function checkIndex(nodeIndex: number): void {
  if (!Number.isInteger(nodeIndex) || nodeIndex < 0 || nodeIndex >= 256 * 11) {
    throw new KubeletError(
      'INVALID_NODE_INDEX',
      `node index ${nodeIndex} is out of range: give each node a distinct integer from 0 to ${256 * 11 - 1}`,
    );
  }
}
