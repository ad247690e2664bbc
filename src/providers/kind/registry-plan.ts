import type { Command } from './command-runner.ts';
import type { ContainerDefinition } from './container-factory.ts';
import { KIND_NETWORK, PINNED, REGISTRY_HOST, REGISTRY_HOST_PORT } from './versions.ts';

/** Where containerd on a node looks for how to reach `localhost:5001`. */
export const REGISTRY_CONFIG_DIR = `/etc/containerd/certs.d/${REGISTRY_HOST}`;

export const registryContainerName = (cluster: string) => `${cluster}-registry`;

/**
 * The registry (`registry:2`) on kind's network, published on 127.0.0.1:5001 so `docker push localhost:5001/…`
 * works from the host, and reachable from the nodes as `<name>:5000` (see hostsToml).
 */
export function registryContainer(cluster: string): ContainerDefinition {
  return {
    name: registryContainerName(cluster),
    image: PINNED.registryImage,
    network: KIND_NETWORK,
    environment: { REGISTRY_STORAGE_DELETE_ENABLED: 'true' },
    ports: [{ container: 5000, host: REGISTRY_HOST_PORT }],
    extraHosts: [],
    waitFor: { http: { path: '/v2/', port: 5000 } },
    labels: { 'gitops-sandbox.io/cluster': cluster, 'gitops-sandbox.io/part': 'registry' },
  };
}

/**
 * containerd's hosts.toml for `localhost:5001` on every node: inside a node, localhost is the node itself, so
 * pulls of `localhost:5001/…` go to the registry container by its name on the kind network.
 */
export function hostsToml(cluster: string): string {
  return `[host."http://${registryContainerName(cluster)}:5000"]\n`;
}

/** The two `docker exec`s that put hosts.toml on one node (mkdir, then cp from stdin). */
export function hostsTomlCommands(node: string, cluster: string): Command[] {
  return [
    { file: 'docker', args: ['exec', node, 'mkdir', '-p', REGISTRY_CONFIG_DIR] },
    {
      file: 'docker',
      args: ['exec', '-i', node, 'cp', '/dev/stdin', `${REGISTRY_CONFIG_DIR}/hosts.toml`],
      input: hostsToml(cluster),
    },
  ];
}

/** KEP-1755's ConfigMap telling tools in the cluster where the local registry is. */
export function localRegistryConfigMap(): string {
  return `apiVersion: v1
kind: ConfigMap
metadata:
  name: local-registry-hosting
  namespace: kube-public
data:
  localRegistryHosting.v1: |
    host: "${REGISTRY_HOST}"
    help: "https://kind.sigs.k8s.io/docs/user/local-registry/"
`;
}
