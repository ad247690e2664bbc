import type { Application } from '../../reconciler/application/index.ts';
import { ClusterError } from '../../reconciler/cluster/cluster-error.ts';
import type { ClusterClient } from '../../reconciler/cluster/index.ts';
import { parseImageArgument } from '../../reconciler/render/index.ts';
import { ImageUpdaterError } from '../errors.ts';
import { helmParameters, type ImageChange, kustomizeArgument } from './change.ts';

const MAX_ATTEMPTS = 5;

type HelmParameter = { name: string; value: string; forceString?: boolean };
type SourcePatch = { kustomize: { images: string[] } } | { helm: { parameters: HelmParameter[] } };

/**
 * `write-back-method: argocd`: sets the images on the Application itself — `spec.source.kustomize.images` or
 * `spec.source.helm.parameters` — as `argocd app set` would. The patch carries the resourceVersion it was computed
 * from; when the reconciler (which writes status on the same object) got there first, it re-reads and re-applies.
 * Returns false when the Application already names these images (it has not synced them yet): nothing is written.
 */
export async function writeToApplication(options: {
  client: ClusterClient;
  app: Application;
  tool: 'Kustomize' | 'Helm';
  changes: readonly ImageChange[];
  signal?: AbortSignal;
}): Promise<boolean> {
  const { client, tool, changes, signal } = options;
  const ref = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    namespace: options.app.metadata.namespace!,
    name: options.app.metadata.name!,
  };
  let app: Application | undefined = options.app;
  for (let attempt = 1; ; attempt++) {
    if (!app) {
      throw new ImageUpdaterError('WriteBackFailed', `Application ${ref.namespace}/${ref.name} no longer exists`);
    }
    const patch = sourcePatch(app, tool, changes);
    if (alreadySet(app, patch)) return false;
    try {
      const body = { metadata: { resourceVersion: app.metadata.resourceVersion }, spec: { source: patch } };
      await client.mergePatch(ref, body, {}, signal);
      return true;
    } catch (error) {
      if (!(error instanceof ClusterError && error.conflict) || attempt >= MAX_ATTEMPTS) throw error;
      app = await client.get<Application>(ref, signal);
    }
  }
}

function sourcePatch(app: Application, tool: 'Kustomize' | 'Helm', changes: readonly ImageChange[]): SourcePatch {
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
  const byName = new Map<string, HelmParameter>();
  for (const p of source.helm?.parameters ?? []) byName.set(p.name, p);
  for (const change of changes) {
    for (const p of helmParameters(change)) byName.set(p.name, { ...p, forceString: true });
  }
  return { helm: { parameters: [...byName.values()] } };
}

function alreadySet(app: Application, patch: SourcePatch): boolean {
  const source = app.spec.source!;
  const [current, wanted] =
    'kustomize' in patch
      ? [source.kustomize?.images, patch.kustomize.images]
      : [source.helm?.parameters, patch.helm.parameters];
  return JSON.stringify(current ?? []) === JSON.stringify(wanted);
}
