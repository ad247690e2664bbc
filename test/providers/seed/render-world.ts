import type { World, WorldApp } from '../../../src/providers/seed/index.ts';
import type { Manifest } from '../../../src/reconciler/render/index.ts';
import { renderSource } from '../../../src/reconciler/render/index.ts';

/** Renders one Application of the world from its folder exactly as the reconciler renders it from git. */
export async function renderApp(world: World, app: WorldApp): Promise<Manifest[]> {
  const repo = world.repos.find((r) => r.name === app.repo);
  if (!repo) throw new Error(`${app.name}: repo ${app.repo} is not in repos.yaml`);
  const { manifests } = await renderSource({
    source: {
      repoURL: `http://gitea.sandbox.local/gitops/${app.repo}.git`,
      path: app.path,
      targetRevision: app.targetRevision,
    },
    appName: app.name,
    appNamespace: app.namespace,
    controlPlaneNamespace: 'argocd',
    destinationNamespace: app.destinationNamespace,
    repo: repo.dir,
  });
  return manifests;
}

type Container = {
  name: string;
  image: string;
  readinessProbe?: { httpGet?: { path?: string; port?: string | number } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  ports?: { name?: string; containerPort: number }[];
};

export interface Workload {
  kind: string;
  name: string;
  namespace: string | undefined;
  replicas: number;
  annotations: Record<string, string>;
  podAnnotations: Record<string, string>;
  containers: Container[];
}

/** Deployments and Jobs with their pod templates, for compact assertions. */
export function workloads(manifests: Manifest[]): Workload[] {
  return manifests
    .filter((m) => m['kind'] === 'Deployment' || m['kind'] === 'Job')
    .map((m) => {
      const metadata = m['metadata'] as { name: string; namespace?: string; annotations?: Record<string, string> };
      const spec = m['spec'] as {
        replicas?: number;
        template: { metadata?: { annotations?: Record<string, string> }; spec: { containers: Container[] } };
      };
      return {
        kind: m['kind'] as string,
        name: metadata.name,
        namespace: metadata.namespace,
        replicas: spec.replicas ?? 1,
        annotations: metadata.annotations ?? {},
        podAnnotations: spec.template.metadata?.annotations ?? {},
        containers: spec.template.spec.containers,
      };
    });
}

export function byName(list: Workload[], kind: string, name: string): Workload {
  const found = list.find((w) => w.kind === kind && w.name === name);
  if (!found) throw new Error(`${kind}/${name} not rendered; got ${list.map((w) => `${w.kind}/${w.name}`).join(', ')}`);
  return found;
}
