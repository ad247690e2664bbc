import type { ImagePullResolver } from '../../../registry/index.ts';
import type { PodIpAllocator } from '../node/pod-ips.ts';
import type { PulledImage } from './pod-memory.ts';

/** What the pod stages know about the node they run on. */
export interface PodNode {
  name: string;
  hostIP: string;
  ips: PodIpAllocator;
  /** Images present on the node, by the pod spec's reference: IfNotPresent pulls each once per node. */
  images: Map<string, PulledImage>;
  imagePullResolver?: ImagePullResolver;
  signal: AbortSignal;
}
