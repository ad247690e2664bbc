import { KubeConfig } from '@kubernetes/client-node';
import type { ExecutionContext } from 'ava';
import type { AppContext } from '../../../src/cli/commands/app/index.ts';
import { ScaledClock } from '../../../src/clock/index.ts';
import { startApiServer } from '../../../src/kube/apiserver/server.ts';
import { kubeconfigFor } from '../../../src/providers/state/state-files.ts';
import type { Application } from '../../../src/reconciler/application/index.ts';
import { ClusterClient } from '../../../src/reconciler/cluster/index.ts';

// Go prints times in the local zone; pin it so the expected bytes hold everywhere.
process.env['TZ'] = 'UTC';

export class Buffer {
  text = '';
  write(chunk: string): void {
    this.text += chunk;
  }
}

/** An embedded API server with a minimal Application CRD and the argocd namespace, and a context on it. */
export async function startCluster(t: ExecutionContext) {
  const server = await startApiServer({ clock: new ScaledClock() });
  t.teardown(() => server.close());
  const config = new KubeConfig();
  config.loadFromString(kubeconfigFor(server.url));
  const client = new ClusterClient(config);
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } });
  await client.create({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'applications.argoproj.io' },
    spec: {
      group: 'argoproj.io',
      scope: 'Namespaced',
      names: { kind: 'Application', plural: 'applications', singular: 'application', listKind: 'ApplicationList' },
      versions: [
        {
          name: 'v1alpha1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  });
  for (let i = 0; i < 100 && !(await client.discovery.isNamespaced('argoproj.io/v1alpha1', 'Application')); i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const stdout = new Buffer();
  const stderr = new Buffer();
  const ctx: AppContext = {
    client,
    namespace: 'argocd',
    clock: new ScaledClock(),
    stdout,
    stderr,
    pollIntervalMs: 10,
    username: 'admin',
    repoCacheDir: '/tmp/gitops-sandbox-test-cli-repos',
  };
  return { server, client, ctx, stdout, stderr, kubeconfig: kubeconfigFor(server.url) };
}

export const SHA = '4f1c2a9e0b7d3c5e6f8a9b0c1d2e3f4a5b6c7d8e';
export const OLD_SHA = '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567';

/** A guestbook app as the reconciler would have written it after a sync. */
export function guestbook(overrides: Partial<Application> = {}): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'guestbook', namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { repoURL: 'http://git.local/demo/guestbook.git', targetRevision: 'main', path: 'guestbook' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
    },
    status: {
      sync: { status: 'Synced', revision: SHA },
      health: { status: 'Healthy' },
      reconciledAt: '2026-01-01T00:00:10Z',
      resources: [
        {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          namespace: 'default',
          name: 'guestbook-ui',
          status: 'Synced',
          health: { status: 'Healthy' },
        },
        {
          version: 'v1',
          kind: 'Service',
          namespace: 'default',
          name: 'guestbook-ui',
          status: 'Synced',
          health: { status: 'Healthy' },
        },
      ],
      history: [
        {
          id: 0,
          revision: OLD_SHA,
          deployedAt: '2026-01-01T00:00:05Z',
          source: { repoURL: 'http://git.local/demo/guestbook.git', targetRevision: 'main', path: 'guestbook' },
        },
        {
          id: 1,
          revision: SHA,
          deployedAt: '2026-01-01T00:01:05Z',
          source: { repoURL: 'http://git.local/demo/guestbook.git', targetRevision: 'main', path: 'guestbook' },
        },
      ],
    },
    ...overrides,
  };
}
