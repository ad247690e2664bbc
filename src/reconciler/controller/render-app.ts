import type { KubeObject } from '../../kube/object.ts';
import type { Application, ApplicationSource } from '../application/index.ts';
import type { ClusterClient } from '../cluster/index.ts';
import { builtinIsNamespaced, type ManifestCache, type RefSourceTree, type SourceTool } from '../render/index.ts';
import type { RepoCache } from '../repo/index.ts';
import { withTrackingId } from '../tracking/index.ts';

/** What an app's sources render to at resolved revisions: the target objects, tracked, and where they came from. */
export interface RenderedApp {
  /** The sources used (the spec's, or a rollback's). */
  sources: ApplicationSource[];
  /** Whether the app uses `spec.sources` (status then carries `revisions`/`sources`). */
  multiSource: boolean;
  /** Resolved commit per source, in source order. */
  revisions: string[];
  /** Tool per source; undefined for ref-only sources. */
  sourceTypes: (SourceTool | undefined)[];
  /** The rendered objects with the tracking annotation set. */
  targets: KubeObject[];
  /** Every rendering source came from the manifest cache (argo-cd repo-server logs "manifest cache hit/miss"). */
  cacheHit: boolean;
}

export interface RenderAppOptions {
  app: Application;
  repo: RepoCache;
  manifests: ManifestCache;
  client: ClusterClient;
  appInstance: string;
  controlPlaneNamespace: string;
  /** Rollback: render these sources instead of the spec's. */
  sources?: ApplicationSource[];
  /** Already resolved revisions (an operation's revision, a re-compare at the last revision); else resolved now. */
  revisions?: (string | undefined)[];
  hardRefresh?: boolean;
  signal?: AbortSignal;
}

export function appSources(app: Application): { sources: ApplicationSource[]; multiSource: boolean } {
  const multi = app.spec.sources !== undefined && app.spec.sources.length > 0;
  return { sources: multi ? app.spec.sources! : app.spec.source ? [app.spec.source] : [], multiSource: multi };
}

/** A `sources[]` entry that only lends its files to others (`ref` set, no path or chart) renders nothing. */
function isRefOnly(source: ApplicationSource, multiSource: boolean): boolean {
  return multiSource && source.ref !== undefined && !source.path && !source.chart;
}

/**
 * The repo-server's part of argo-cd `CompareAppState`: resolve each source's targetRevision (RepoCache), check out,
 * render through the manifest cache with the destination namespace, and set the tracking annotation
 * (`SetAppInstance`). Throws RepoError / RenderError, which the caller turns into a ComparisonError condition.
 */
export async function renderApp(options: RenderAppOptions): Promise<RenderedApp> {
  const { app, repo, manifests, client, signal } = options;
  const own = appSources(app);
  const sources = options.sources ?? own.sources;
  const multiSource = options.sources ? options.sources.length > 1 || own.multiSource : own.multiSource;
  const revisions: string[] = [];
  for (const [i, source] of sources.entries()) {
    const given = options.revisions?.[i];
    revisions.push(
      given && /^[0-9a-f]{40}$/i.test(given)
        ? given.toLowerCase()
        : await repo.resolveRevision(source.repoURL, given || source.targetRevision || 'HEAD', { signal }),
    );
  }
  const trees = await Promise.all(sources.map((s, i) => repo.checkout(s.repoURL, revisions[i]!, { signal })));
  const refSources: Record<string, RefSourceTree> = {};
  for (const [i, source] of sources.entries()) {
    if (source.ref) refSources[`$${source.ref}`] = { repo: trees[i]!, revision: revisions[i]! };
  }
  const destinationNamespace = app.spec.destination.namespace ?? '';
  const scopes = new Map<string, boolean | undefined>();
  const sourceTypes: (SourceTool | undefined)[] = [];
  const targets: KubeObject[] = [];
  let cacheHit = true;
  for (const [i, source] of sources.entries()) {
    if (isRefOnly(source, multiSource)) {
      sourceTypes.push(undefined);
      continue;
    }
    const renderOnce = async () => {
      const missing = new Set<string>();
      const result = await manifests.render({
        source,
        appName: app.metadata.name!,
        appNamespace: app.metadata.namespace ?? options.controlPlaneNamespace,
        controlPlaneNamespace: options.controlPlaneNamespace,
        destinationNamespace,
        repo: trees[i]!,
        revision: revisions[i]!,
        refSources,
        hardRefresh: options.hardRefresh ?? false,
        isNamespaced: (apiVersion, kind) => {
          const key = `${apiVersion} ${kind}`;
          if (scopes.has(key)) return scopes.get(key);
          const builtin = builtinIsNamespaced(apiVersion, kind);
          if (builtin === undefined) missing.add(key);
          return builtin;
        },
        ...(signal ? { signal } : {}),
      });
      return { result, missing };
    };
    let { result, missing } = await renderOnce();
    if (missing.size > 0) {
      // Custom kinds: ask discovery once, then apply the namespace again from the cache.
      for (const key of missing) {
        const [apiVersion, kind] = key.split(' ') as [string, string];
        scopes.set(key, await client.discovery.isNamespaced(apiVersion, kind).catch(() => undefined));
      }
      ({ result, missing } = await renderOnce());
    }
    sourceTypes.push(result.tool);
    cacheHit &&= result.cacheHit;
    for (const manifest of result.manifests) {
      targets.push(
        withTrackingId(manifest as unknown as KubeObject, {
          appInstanceName: options.appInstance,
          destinationNamespace,
        }),
      );
    }
  }
  return { sources, multiSource, revisions, sourceTypes, targets, cacheHit };
}
