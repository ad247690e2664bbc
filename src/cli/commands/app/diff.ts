import type { KubeObject } from '../../../kube/object.ts';
import type { Application } from '../../../reconciler/application/index.ts';
import { compareApp, diffSides, type ResourceComparison } from '../../../reconciler/diff/index.ts';
import { builtinIsNamespaced, instanceName, renderSource } from '../../../reconciler/render/index.ts';
import { normalizeRepoURL, RepoCache } from '../../../reconciler/repo/index.ts';
import { withTrackingId } from '../../../reconciler/tracking/index.ts';
import { getApp } from './applications.ts';
import type { AppContext } from './context.ts';
import { externalDiff } from './diff-external.ts';
import { AppCliError } from './errors.ts';

/** The field manager the reconciler applies with (Argo CD's server-side apply manager). */
const FIELD_MANAGER = 'argocd-controller';

export interface DiffOptions {
  /** Compare with this revision instead of the app's targetRevision. */
  revision?: string;
  /** Where `KUBECTL_EXTERNAL_DIFF` is read (default process.env). */
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/**
 * `app diff NAME`: renders the app's source at its target revision here (git mirror + renderSource, as the
 * repo-server does), compares it with the live objects through compareApp (server-side apply dry runs; nothing is
 * written) and prints a `===== group/kind ns/name ======` block per differing resource, its body the output of `diff`
 * (or `$KUBECTL_EXTERNAL_DIFF`) on the live and target YAML files, as `argocd app diff`. Exit 0 no diff, 1 diff.
 */
export async function runDiff(ctx: AppContext, name: string, options: DiffOptions = {}): Promise<number> {
  const app = await getApp(ctx, name);
  const source = app.spec.source;
  if (!source) {
    throw new AppCliError(
      'BadInput',
      `application ${name} uses spec.sources; \`app diff\` compares single-source apps only`,
    );
  }
  const targets = await renderTargets(ctx, app, options);
  const live = await liveObjects(ctx, app, targets);
  const comparison = await compareApp({
    client: ctx.client,
    targets,
    live,
    ...(app.spec.ignoreDifferences ? { ignoreDifferences: app.spec.ignoreDifferences } : {}),
    fieldManager: FIELD_MANAGER,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (comparison.errors.length > 0) {
    throw new AppCliError('BadInput', `comparing application ${name} failed: ${comparison.errors.join('; ')}`);
  }
  let found = false;
  for (const resource of comparison.resources) {
    if (resource.hook || resource.status !== 'OutOfSync' || resource.diff === undefined) continue;
    found = true;
    // argo-cd findandPrintDiff: the header, then cli.PrintDiff(name, live, predicted live) — the diff program's output.
    ctx.stdout.write(`\n${header(resource)}\n`);
    const sides = diffSides(resource, app.spec.ignoreDifferences);
    const shown = await externalDiff({
      name: resource.name,
      ...sides,
      ...(options.env ? { env: options.env } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    ctx.stdout.write(shown.stdout);
    if (shown.stderr) ctx.stderr.write(shown.stderr);
  }
  return found ? 1 : 0;
}

function header(r: ResourceComparison): string {
  return `===== ${r.group}/${r.kind} ${r.namespace ?? ''}/${r.name} ======`;
}

async function renderTargets(ctx: AppContext, app: Application, options: DiffOptions): Promise<KubeObject[]> {
  const source = app.spec.source!;
  const repos = new RepoCache({
    cacheDir: ctx.repoCacheDir,
    clock: ctx.clock,
    credentials: (url) =>
      ctx.git && normalizeRepoURL(url).startsWith(normalizeRepoURL(ctx.git.url))
        ? { username: ctx.git.username, password: ctx.git.password }
        : undefined,
  });
  const revision = options.revision ?? source.targetRevision ?? 'HEAD';
  const sha = await repos.resolveRevision(source.repoURL, revision || 'HEAD', { signal: options.signal });
  const tree = await repos.checkout(source.repoURL, sha, { signal: options.signal });
  const naming = {
    appName: app.metadata.name!,
    appNamespace: app.metadata.namespace,
    controlPlaneNamespace: ctx.namespace,
  };
  const rendered = await renderSource({
    source,
    ...naming,
    destinationNamespace: app.spec.destination.namespace,
    repo: tree,
    isNamespaced: builtinIsNamespaced,
    signal: options.signal,
  });
  const tracking = {
    appInstanceName: instanceName(naming),
    destinationNamespace: app.spec.destination.namespace ?? '',
  };
  return rendered.manifests.map((m) => withTrackingId(m as KubeObject, tracking));
}

/** The live object of every target, plus the resources the reconciler found needing pruning. */
async function liveObjects(ctx: AppContext, app: Application, targets: KubeObject[]): Promise<KubeObject[]> {
  const refs = targets.map((t) => ({
    apiVersion: t.apiVersion,
    kind: t.kind,
    name: t.metadata.name ?? '',
    ...(t.metadata.namespace ? { namespace: t.metadata.namespace } : {}),
  }));
  for (const r of app.status?.resources ?? []) {
    if (!r.requiresPruning) continue;
    refs.push({
      apiVersion: r.group ? `${r.group}/${r.version}` : r.version,
      kind: r.kind,
      name: r.name,
      ...(r.namespace ? { namespace: r.namespace } : {}),
    });
  }
  const found = await Promise.all(refs.map((ref) => ctx.client.get(ref).catch(() => undefined)));
  return found.filter((o): o is KubeObject => o !== undefined);
}
