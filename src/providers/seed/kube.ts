import { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../../kube/object.ts';
import { ClusterClient } from '../../reconciler/cluster/index.ts';
import { SeedError } from './errors.ts';

/** The field manager of everything the seeder writes, so `kubectl get -o yaml --show-managed-fields` tells who. */
export const FIELD_MANAGER = 'gitops-sandbox-seed';

/** A Kubernetes client from a kubeconfig file (the same client the reconciler uses, over the real REST API). */
export function clusterClient(kubeconfigPath: string): ClusterClient {
  const config = new KubeConfig();
  config.loadFromFile(kubeconfigPath);
  return new ClusterClient(config);
}

/** Server-side apply of one object; errors name the object and the API server's answer. */
export async function applyObject(client: ClusterClient, object: KubeObject, signal?: AbortSignal): Promise<void> {
  try {
    await client.apply(object, { fieldManager: FIELD_MANAGER, force: true }, signal);
  } catch (cause) {
    signal?.throwIfAborted();
    const where = `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
    throw new SeedError(
      'KubernetesWriteFailed',
      `creating ${where} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/**
 * The Secret the image updater writes back to git with (`write-back-method: git:secret:argocd/git-creds`): the git
 * server's username and password, as Argo CD Image Updater reads them.
 */
export function gitCredsSecret(credentials: { username: string; password: string }, namespace = 'argocd'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'git-creds', namespace, labels: { 'app.kubernetes.io/part-of': 'gitops-sandbox' } },
    type: 'Opaque',
    stringData: { username: credentials.username, password: credentials.password },
  } as KubeObject;
}
