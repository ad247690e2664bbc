import { realpath } from 'node:fs/promises';
import { renderDirectory } from './directory.ts';
import { RenderError } from './errors.ts';
import { flattenLists } from './flatten.ts';
import { renderHelm } from './helm.ts';
import { renderKustomize } from './kustomize.ts';
import { applyDestinationNamespace, type IsNamespaced } from './namespace.ts';
import { appDirectory } from './paths.ts';
import { applySourceOverrides } from './source-overrides.ts';
import { detectTool } from './tool-detection.ts';
import type { ToolOptions } from './tools.ts';
import type { ApplicationSource, RefSourceTree, RenderResult } from './types.ts';

export interface RenderSourceOptions {
  source: ApplicationSource;
  /** The Application's metadata.name. */
  appName: string;
  /** The Application's metadata.namespace. */
  appNamespace?: string;
  /**
   * The namespace the reconciler runs in. An app in another namespace is known to Argo CD as `<ns>_<name>`, which
   * names its `.argocd-source-<ns>_<name>.yaml`. Omitted: every app counts as in the control-plane namespace.
   */
  controlPlaneNamespace?: string;
  destinationNamespace?: string;
  /** The repository tree at the resolved commit (`RepoCache.checkout`). */
  repo: string;
  /** Multi-source apps: trees of the sources with a `ref`, keyed by `$<ref>` (or `<ref>`). */
  refSources?: Record<string, RefSourceTree>;
  /** Passed to `helm template --kube-version`, e.g. `1.32.0`. */
  kubeVersion?: string;
  /** Passed to `helm template --api-versions`. */
  apiVersions?: string[];
  /** Cluster discovery for the destination namespace; built-in kinds are known without it. */
  isNamespaced?: IsNamespaced;
  tools?: ToolOptions;
  /** Scratch space for helm values and kustomize copies (default: the OS temp dir). */
  workDir?: string;
  signal?: AbortSignal;
}

/** The source after `.argocd-source*.yaml` overrides, with the tool that renders it. */
export interface GeneratedManifests extends RenderResult {
  source: ApplicationSource;
}

/** Argo CD's application instance name (`argo.InstanceName`). */
export function instanceName(options: Pick<RenderSourceOptions, 'appName' | 'appNamespace' | 'controlPlaneNamespace'>) {
  const { appName, appNamespace, controlPlaneNamespace } = options;
  return appNamespace && controlPlaneNamespace && appNamespace !== controlPlaneNamespace
    ? `${appNamespace}_${appName}`
    : appName;
}

/**
 * What the repo-server's `GenerateManifests` produces: overrides merged, tool detected, the tool run, lists flattened.
 * Depends only on the tree and the options, never on the cluster, so it is what the manifest cache keeps.
 */
export async function generateManifests(options: RenderSourceOptions): Promise<GeneratedManifests> {
  options.signal?.throwIfAborted();
  if (options.source.chart) {
    throw new RenderError(
      'InvalidSource',
      `spec.source.chart '${options.source.chart}': charts from Helm repositories are not supported; put the chart in git and set spec.source.path`,
    );
  }
  const repoRoot = await realpath(options.repo);
  const appPath = await appDirectory(repoRoot, options.source.path);
  const source = await applySourceOverrides({ source: options.source, appPath, appName: instanceName(options) });
  const tool = await detectTool(source, appPath);
  let manifests: Record<string, unknown>[];
  switch (tool) {
    case 'Helm':
      manifests = await renderHelm({
        appPath,
        repoRoot,
        helm: source.helm,
        appName: options.appName,
        destinationNamespace: options.destinationNamespace,
        refSources: options.refSources,
        kubeVersion: options.kubeVersion,
        apiVersions: options.apiVersions,
        ...(options.tools ? { tools: options.tools } : {}),
        ...(options.workDir ? { workDir: options.workDir } : {}),
        signal: options.signal,
      });
      break;
    case 'Kustomize':
      manifests = await renderKustomize({
        appPath,
        repoRoot,
        kustomize: source.kustomize,
        ...(options.tools ? { tools: options.tools } : {}),
        ...(options.workDir ? { workDir: options.workDir } : {}),
        signal: options.signal,
      });
      break;
    case 'Directory':
      manifests = await renderDirectory({ appPath, repoRoot, directory: source.directory });
      break;
  }
  return { manifests: flattenLists(manifests), tool, source };
}

/**
 * Renders one Application source at a commit into plain JSON objects: `generateManifests`, then the destination
 * namespace on namespaced objects that lack one. Throws RenderError (stable codes) for anything the user must fix.
 */
export async function renderSource(options: RenderSourceOptions): Promise<RenderResult> {
  const generated = await generateManifests(options);
  return {
    tool: generated.tool,
    manifests: applyDestinationNamespace({
      manifests: generated.manifests,
      destinationNamespace: options.destinationNamespace,
      isNamespaced: options.isNamespaced,
    }),
  };
}
