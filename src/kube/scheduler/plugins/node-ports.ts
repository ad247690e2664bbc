import { type FilterPlugin, reject } from '../framework/types.ts';

/** K: plugins/nodeports: a hostPort already taken on the node (same protocol, overlapping address) rejects it. */
export const nodePorts: FilterPlugin = {
  name: 'NodePorts',
  filter(pod, node) {
    if (!pod.ports.some((p) => node.ports.conflicts(p))) return undefined;
    return reject('Unschedulable', "node(s) didn't have free ports for the requested pod ports");
  },
};
