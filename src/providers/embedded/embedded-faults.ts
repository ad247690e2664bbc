import type { StartedGitServer } from '../../git/index.ts';
import type { StartedKubelets } from '../../kube/kubelet/index.ts';
import type { StartedRegistry } from '../../registry/index.ts';
import { ControlError } from '../control/control-server.ts';
import type { Faults } from '../control/faults.ts';

/** Faults of the embedded world: a node's kubelet powered off and on, the git server or registry answering 503. */
export function sandboxFaults(parts: {
  kubelets: StartedKubelets;
  git: StartedGitServer;
  registry: StartedRegistry;
}): Faults {
  const kubelet = (name: string) => {
    const found = parts.kubelets.get(name);
    if (!found) {
      const names = parts.kubelets.all.map((k) => k.nodeName).join(', ');
      throw new ControlError('UnknownNode', `no node named "${name}" in this sandbox; its nodes are: ${names}`);
    }
    return found;
  };
  return {
    async stopNode(name) {
      kubelet(name).stop();
    },
    async startNode(name) {
      kubelet(name).start();
    },
    async gitOutage() {
      parts.git.setAvailable(false);
    },
    async restoreGit() {
      parts.git.setAvailable(true);
    },
    async registryOutage() {
      parts.registry.setAvailable(false);
    },
    async restoreRegistry() {
      parts.registry.setAvailable(true);
    },
  };
}
