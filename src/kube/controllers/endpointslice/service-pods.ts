import type { KubeObject } from '../../object.ts';
import type { ControllerContext } from '../runtime/controller-context.ts';
import { Informer, keyOf } from '../runtime/informer.ts';
import { ZONE_LABEL } from './endpoint.ts';
import type { Pod } from './pod.ts';
import { type Service, serviceSelects } from './service.ts';

export interface ServicePodInformers {
  services: Informer<Service>;
  pods: Informer<Pod>;
  nodes: Informer;
}

/**
 * Informers on Services, Pods and Nodes that call `enqueue("ns/service")` for every Service a change may affect:
 * the Service itself, the Services selecting a pod before or after its change (K: endpointslice addPod/updatePod/
 * deletePod via GetPodServiceMemberships), and, when a node's zone changes, the Services of its pods.
 */
export function watchServicePods(ctx: ControllerContext, enqueue: (key: string) => void): ServicePodInformers {
  const { api, signal } = ctx;
  const services = new Informer<Service>(api, 'v1', 'Service');
  const pods = new Informer<Pod>(api, 'v1', 'Pod').addIndex('node', (p) => (p.spec.nodeName ? [p.spec.nodeName] : []));
  const nodes = new Informer(api, 'v1', 'Node');
  const enqueueService = (s: KubeObject) => enqueue(keyOf(s.metadata.namespace, s.metadata.name!));
  const enqueueForPod = (...versions: Pod[]) => {
    const namespace = versions[0]!.metadata.namespace;
    for (const service of services.list(namespace)) {
      if (versions.some((p) => serviceSelects(service, p.metadata.labels))) enqueueService(service);
    }
  };
  services.on({ added: enqueueService, updated: (_o, s) => enqueueService(s), deleted: enqueueService });
  pods.on({ added: (p) => enqueueForPod(p), updated: (o, p) => enqueueForPod(o, p), deleted: (p) => enqueueForPod(p) });
  nodes.on({
    updated: (o, n) => {
      if (o.metadata.labels?.[ZONE_LABEL] === n.metadata.labels?.[ZONE_LABEL]) return;
      for (const pod of pods.byIndex('node', n.metadata.name!)) enqueueForPod(pod);
    },
  });
  nodes.start(signal);
  services.start(signal);
  pods.start(signal);
  return { services, pods, nodes };
}
