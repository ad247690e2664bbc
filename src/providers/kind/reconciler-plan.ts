import { join } from 'node:path';
import type { Command } from './command-runner.ts';
import { applyStdin, kubectl } from './kubectl-plan.ts';
import { registryContainerName } from './registry-plan.ts';
import { PINNED, REGISTRY_HOST } from './versions.ts';

/** The NodePorts (sandbox/kind/**) through which Gitea, on kind's network, delivers webhooks into the cluster. */
export const WEBHOOK_NODE_PORTS = { inCluster: 30080, argocd: 30443 } as const;

export const IN_CLUSTER_IMAGE = `${REGISTRY_HOST}/gitops-sandbox-reconciler:dev`;

/**
 * `reconciler: 'in-cluster'`: build the reconciler image from this repository, push it to the local registry,
 * install the CRDs (waiting until they are Established), the default project and RBAC, then the Deployment and a
 * NodePort for webhooks, and wait for the rollout.
 */
export function inClusterCommands(o: { kubeconfig: string; rootDir: string }): Command[] {
  const manifests = (file: string) => join('sandbox', 'reconciler', file);
  const files = (...names: string[]) => names.flatMap((name) => ['-f', manifests(name)]);
  return [
    {
      file: 'docker',
      args: ['build', '--file', manifests('Dockerfile'), '--tag', IN_CLUSTER_IMAGE, '.'],
      cwd: o.rootDir,
    },
    { file: 'docker', args: ['push', IN_CLUSTER_IMAGE] },
    {
      ...kubectl(o.kubeconfig, [
        'apply',
        '--server-side',
        ...files('00-namespace.yaml', '01-application-crd.yaml', '02-appproject-crd.yaml'),
      ]),
      cwd: o.rootDir,
    },
    kubectl(o.kubeconfig, [
      'wait',
      '--for',
      'condition=Established',
      '--timeout',
      '60s',
      'crd/applications.argoproj.io',
      'crd/appprojects.argoproj.io',
    ]),
    {
      ...kubectl(o.kubeconfig, ['apply', '--server-side', ...files('03-default-appproject.yaml', '04-rbac.yaml')]),
      cwd: o.rootDir,
    },
    {
      ...kubectl(o.kubeconfig, [
        'apply',
        '--server-side',
        '-f',
        manifests('in-cluster/'),
        '-f',
        join('sandbox', 'kind', 'in-cluster', 'reconciler-webhook.yaml'),
      ]),
      cwd: o.rootDir,
    },
    kubectl(o.kubeconfig, [
      'rollout',
      'status',
      'deployment/gitops-sandbox-reconciler',
      '--namespace',
      'argocd',
      '--timeout',
      '180s',
    ]),
  ];
}

/**
 * Argo CD reaches Gitea with these credentials (a credential template for every repo of the admin), and the image
 * updater reaches `localhost:5001/…` through the registry container: inside a pod, localhost is the pod.
 */
export function argoCdSettings(o: { cluster: string; gitClusterUrl: string; username: string; password: string }) {
  return `apiVersion: v1
kind: Secret
metadata:
  name: gitops-sandbox-gitea
  namespace: argocd
  labels:
    argocd.argoproj.io/secret-type: repo-creds
stringData:
  type: git
  url: ${JSON.stringify(`${o.gitClusterUrl}/${o.username}/`)}
  username: ${JSON.stringify(o.username)}
  password: ${JSON.stringify(o.password)}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: argocd-image-updater-config
  namespace: argocd
data:
  registries.conf: |
    registries:
      - name: gitops-sandbox
        prefix: ${REGISTRY_HOST}
        api_url: http://${registryContainerName(o.cluster)}:5000
        insecure: yes
        default: true
`;
}

const ARGOCD_NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: argocd
`;

/**
 * `reconciler: 'argocd'`: the real Argo CD and Argo CD Image Updater from pinned upstream manifests (server-side
 * apply: Argo CD's CRDs are too large for the client-side annotation), the sandbox's repo credentials and registry
 * settings, a NodePort for Gitea's webhooks, then wait for every component.
 */
export function argoCdCommands(o: {
  kubeconfig: string;
  rootDir: string;
  cluster: string;
  gitClusterUrl: string;
  username: string;
  password: string;
}): Command[] {
  const rollout = (workload: string) =>
    kubectl(o.kubeconfig, ['rollout', 'status', workload, '--namespace', 'argocd', '--timeout', '300s']);
  return [
    applyStdin(o.kubeconfig, ARGOCD_NAMESPACE),
    kubectl(o.kubeconfig, [
      'apply',
      '--namespace',
      'argocd',
      '--server-side',
      '--force-conflicts',
      '-f',
      PINNED.argoCdInstall,
    ]),
    kubectl(o.kubeconfig, [
      'apply',
      '--namespace',
      'argocd',
      '--server-side',
      '--force-conflicts',
      '-f',
      PINNED.imageUpdaterInstall,
    ]),
    applyStdin(o.kubeconfig, argoCdSettings(o)),
    {
      ...kubectl(o.kubeconfig, [
        'apply',
        '--server-side',
        '-f',
        join('sandbox', 'kind', 'argocd', 'argocd-server-webhook.yaml'),
      ]),
      cwd: o.rootDir,
    },
    kubectl(o.kubeconfig, ['rollout', 'restart', 'deployment/argocd-image-updater', '--namespace', 'argocd']),
    rollout('statefulset/argocd-application-controller'),
    rollout('deployment/argocd-repo-server'),
    rollout('deployment/argocd-server'),
    rollout('deployment/argocd-image-updater'),
  ];
}

/** The webhook URL Gitea delivers pushes to, per reconciler mode (as Gitea, on kind's network, reaches it). */
export function clusterWebhookUrl(mode: 'in-cluster' | 'argocd', cluster: string): string {
  const node = `${cluster}-control-plane`;
  return mode === 'in-cluster'
    ? `http://${node}:${WEBHOOK_NODE_PORTS.inCluster}/api/webhook`
    : `https://${node}:${WEBHOOK_NODE_PORTS.argocd}/api/webhook`;
}

/** A host reconciler's webhook URL (listening on all interfaces) as Gitea reaches it through the host gateway. */
export function hostWebhookUrlForGitea(hostUrl: string): string {
  const url = new URL(hostUrl);
  url.hostname = 'host.docker.internal';
  return url.toString();
}
