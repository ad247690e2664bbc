import { KubeConfig } from '@kubernetes/client-node';
import { ScaledClock } from '../../../src/clock/index.ts';
import { startApiServer } from '../../../src/kube/apiserver/server.ts';
import type { KubeObject } from '../../../src/kube/object.ts';
import { kubeconfigFor } from '../../../src/providers/state/state-files.ts';
import { ClusterClient } from '../../../src/reconciler/cluster/index.ts';
import { withTrackingId } from '../../../src/reconciler/tracking/index.ts';

export const FIELD_MANAGER = 'argocd-controller';

/** An embedded API server reached only through the real ClusterClient and a kubeconfig. */
export async function startCluster(options: { historySize?: number } = {}) {
  const clock = new ScaledClock();
  const server = await startApiServer({ clock, ...options });
  const kubeconfig = new KubeConfig();
  kubeconfig.loadFromString(kubeconfigFor(server.url));
  return { server, clock, kubeconfig, client: new ClusterClient(kubeconfig) };
}

export function tracked(obj: KubeObject, app = 'guestbook'): KubeObject {
  return withTrackingId(obj, { appInstanceName: app, destinationNamespace: 'default' });
}

export function deployment(options: { name?: string; image?: string; replicas?: number } = {}): KubeObject {
  const name = options.name ?? 'web';
  return tracked({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels: { app: name } },
    spec: {
      replicas: options.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image: options.image ?? 'nginx:1.27' }] },
      },
    },
  });
}

export function service(name = 'web'): KubeObject {
  return tracked({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] },
  });
}

export function configMap(name: string, data: Record<string, string> = {}, app = 'guestbook'): KubeObject {
  return tracked({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data }, app);
}
