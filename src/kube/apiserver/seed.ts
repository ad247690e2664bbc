import type { KubeApi } from './kube-api.ts';

/**
 * What a fresh cluster has before anyone applies anything: the four system namespaces and the `kubernetes`
 * Service in default (K: the apiserver's bootstrap controller).
 */
export function seedSystemObjects(api: KubeApi): void {
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { fieldManager: 'kube-apiserver' });
  }
  api.create(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        sessionAffinity: 'None',
      },
    },
    { fieldManager: 'kube-apiserver' },
  );
}
