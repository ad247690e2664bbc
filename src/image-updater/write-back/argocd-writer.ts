import type { Application } from '../../reconciler/application/index.ts';
import { ClusterError } from '../../reconciler/cluster/cluster-error.ts';
import type { ClusterClient } from '../../reconciler/cluster/index.ts';
import { parseImageArgument } from '../../reconciler/render/index.ts';
import { ImageUpdaterError } from '../errors.ts';
import { helmParameters, type ImageChange, kustomizeArgument } from './change.ts';

const MAX_ATTEMPTS = 5;

/**
 * `write-back-method: argocd`: sets the images on the Application itself — `spec.source.kustomize.images` or
 * `spec.source.helm.parameters` — as `argocd app set` would. The patch carries the resourceVersion it was computed
 * from; when the reconciler (which writes status on the same object) got there first, it re-reads and re-applies.
 */
export async function writeToApplication(options: {
  client: ClusterClient;
  app: Application;
  tool: 'Kustomize' | 'Helm';
  changes: readonly ImageChange[];
  signal?: AbortSignal;
}): Promise<void> {
  const { client, tool, changes, signal } = options;
  const ref = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    namespace: options.app.metadata.namespace!,
    name: options.app.metadata.name!,
  };
  let app: Application | undefined = options.app;
  for (let attempt = 1; ; attempt++) {
    if (!app)
      throw new ImageUpdaterError('WriteBackFailed', `Application ${ref.namespace}/${ref.name} no longer exists`);
    try {
      await client.mergePatch(
        ref,
        {
          metadata: { resourceVersion: app.metadata.resourceVersion },
          spec: { source: sourcePatch(app, tool, changes) },
        },
        {},
        signal,
      );
      return;
    } catch (error) {
      if (!(error instanceof ClusterError && error.conflict) || attempt >= MAX_ATTEMPTS) throw error;
      app = await client.get<Application>(ref, signal);
    }
  }
}

function sourcePatch(app: Application, tool: 'Kustomize' | 'Helm', changes: readonly ImageChange[]) {
  const source = app.spec.source!;
  if (tool === 'Kustomize') {
    const byName = new Map<string, string>();
    for (const arg of source.kustomize?.images ?? []) byName.set(parseImageArgument(arg).name, arg);
    for (const change of changes) {
      const arg = kustomizeArgument(change);
      byName.set(parseImageArgument(arg).name, arg);
    }
    return { kustomize: { images: [...byName.values()] } };
  }
  const byName = new Map<string, { name: string; value: string; forceString?: boolean }>();
  for (const p of source.helm?.parameters ?? []) byName.set(p.name, p);
  for (const change of changes) {
    for (const p of helmParameters(change)) byName.set(p.name, { ...p, forceString: true });
  }
  return { helm: { parameters: [...byName.values()] } };
}
