import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RenderError } from './errors.ts';
import { type Json, mergePatch } from './merge-patch.ts';
import type { ApplicationSource } from './types.ts';

/**
 * Parameter overrides committed beside the manifests (Argo CD `mergeSourceParameters`, user-guide/parameters.md):
 * `.argocd-source.yaml`, then `.argocd-source-<appName>.yaml`, each applied to the source as a JSON merge patch.
 * repoURL, path, targetRevision and chart always keep the Application's values. `appName` is the instance name
 * (`<namespace>_<name>` for apps outside the control-plane namespace), as the Image Updater names its files.
 */
export async function applySourceOverrides(options: {
  source: ApplicationSource;
  appPath: string;
  appName: string;
}): Promise<ApplicationSource> {
  const { source, appPath, appName } = options;
  const files = ['.argocd-source.yaml'];
  if (appName) files.push(`.argocd-source-${appName}.yaml`);
  let merged = structuredClone(source) as unknown as Json;
  for (const name of files) {
    const file = join(appPath, name);
    if (!(await isFile(file))) continue;
    let patch: unknown;
    try {
      patch = parse(await readFile(file, 'utf8'), { version: '1.1' });
    } catch (cause) {
      throw new RenderError('InvalidSource', `${name} in the source path is not valid YAML: ${firstLine(cause)}`, {
        cause,
      });
    }
    if (patch === null || patch === undefined) continue;
    merged = mergePatch(merged, normalizeKeys(patch as Json));
  }
  const result = (typeof merged === 'object' && merged !== null && !Array.isArray(merged) ? merged : {}) as Record<
    string,
    unknown
  >;
  return {
    ...(result as unknown as ApplicationSource),
    repoURL: source.repoURL,
    path: source.path,
    targetRevision: source.targetRevision,
    chart: source.chart,
  } as ApplicationSource;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/**
 * Argo CD reads these files with Go's JSON decoder, which matches keys case-insensitively: Argo CD Image Updater
 * writes `forcestring`, which means `forceString`. The Helm parameter lists are where that spelling occurs.
 */
function normalizeKeys(patch: Json): Json {
  const helm = (patch as { helm?: { parameters?: unknown } } | null)?.helm;
  if (!helm || !Array.isArray(helm.parameters)) return patch;
  helm.parameters = helm.parameters.map((parameter: unknown) => {
    if (typeof parameter !== 'object' || parameter === null || !('forcestring' in parameter)) return parameter;
    const { forcestring, ...rest } = parameter as Record<string, unknown>;
    return { forceString: forcestring, ...rest };
  });
  return patch;
}
