import type { Application } from '../../reconciler/application/index.ts';
import type { ClusterClient } from '../../reconciler/cluster/index.ts';
import { parseImageArgument } from '../../reconciler/render/index.ts';
import { helmParameters, type ImageChange, kustomizeArgument } from './change.ts';

/**
 * `write-back-method: argocd`: sets the images on the Application itself — `spec.source.kustomize.images` or
 * `spec.source.helm.parameters` — as `argocd app set` would. A merge patch carrying the resourceVersion it read,
 * so a concurrent edit of the spec makes it fail (and the next cycle retries) rather than be overwritten.
 */
export async function writeToApplication(options: {
  client: ClusterClient;
  app: Application;
  tool: 'Kustomize' | 'Helm';
  changes: readonly ImageChange[];
  signal?: AbortSignal;
}): Promise<void> {
  const { client, app, tool, changes } = options;
  const source = app.spec.source!;
  let sourcePatch: Record<string, unknown>;
  if (tool === 'Kustomize') {
    const byName = new Map<string, string>();
    for (const arg of source.kustomize?.images ?? []) byName.set(parseImageArgument(arg).name, arg);
    for (const change of changes) {
      const arg = kustomizeArgument(change);
      byName.set(parseImageArgument(arg).name, arg);
    }
    sourcePatch = { kustomize: { images: [...byName.values()] } };
  } else {
    const byName = new Map<string, { name: string; value: string; forceString?: boolean }>();
    for (const p of source.helm?.parameters ?? []) byName.set(p.name, p);
    for (const change of changes) {
      for (const p of helmParameters(change)) byName.set(p.name, { ...p, forceString: true });
    }
    sourcePatch = { helm: { parameters: [...byName.values()] } };
  }
  await client.mergePatch(
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      namespace: app.metadata.namespace!,
      name: app.metadata.name!,
    },
    { metadata: { resourceVersion: app.metadata.resourceVersion }, spec: { source: sourcePatch } },
    {},
    options.signal,
  );
}
