import type { KubeObject } from '../../kube/object.ts';

/** The recorder's watched objects, read by the simulated probe transport (no extra watches). */
export interface ClusterView {
  /** The EndpointSlices of a Service (`namespace/name`). */
  endpointSlices(service: string): KubeObject[];
  pod(namespace: string, name: string): KubeObject | undefined;
}
