import { type FilterPlugin, reject } from '../framework/types.ts';

/** K: plugins/nodename: a pod that names a node fits only there. */
export const nodeName: FilterPlugin = {
  name: 'NodeName',
  filter(pod, node) {
    const wanted = pod.pod.spec?.nodeName;
    if (!wanted || wanted === node.name) return undefined;
    return reject('UnschedulableAndUnresolvable', "node(s) didn't match the requested node name");
  },
};
