import { messageOf } from '../../errors.ts';
import { jsonEqual } from '../../json/json-equal.ts';
import { type KubeObject, parseApiVersion } from '../../kube/object.ts';
import { hasAnnotationOption, isHook, isSkipped, waveOf } from '../sync/plan/index.ts';
import { yamlSides } from './diff-sides.ts';
import { compileIgnoreRules } from './ignore-rules.ts';
import { normalize } from './normalize.ts';
import type { AppComparison, CompareAppOptions, ResourceComparison } from './types.ts';
import { unifiedDiff } from './yaml-diff.ts';

export const COMPARE_OPTIONS_ANNOTATION = 'argocd.argoproj.io/compare-options';

interface Pair {
  target?: KubeObject;
  live?: KubeObject;
}

/**
 * Compares an app's rendered targets with its live objects as Argo CD's server-side diff does
 * (gitops-engine pkg/diff `serverSideDiff`, controller/state.go `CompareAppState`): each target goes through a
 * server-side apply dry run with our field manager and `force`, which yields the object live would become; that and
 * live are normalized and compared. Fields the server defaults are in both, so they are not drift; fields another
 * manager changed are taken back by the forced apply, so they are. Nothing is written.
 */
export async function compareApp(options: CompareAppOptions): Promise<AppComparison> {
  const errors = [...compileIgnoreRules(options.ignoreDifferences).errors];
  const pairs = await pairUp(options);
  const resources = await mapLimited(pairs, options.concurrency ?? 8, (pair) => compareOne(pair, options, errors));
  resources.sort(byIdentity);
  // Hooks, Skip resources and IgnoreExtraneous extras are listed but never make the app OutOfSync (state.go ~L986).
  const outOfSync = resources.some(
    (r, i) => r.status === 'OutOfSync' && !(r.requiresPruning && ignoresExtraneous(resources[i]!.live)),
  );
  return { resources, syncStatus: outOfSync ? 'OutOfSync' : 'Synced', errors };
}

/** Targets and live objects matched by group, kind, namespace and name (the version may differ). */
async function pairUp(options: CompareAppOptions): Promise<Pair[]> {
  const pairs = new Map<string, Pair>();
  for (const raw of options.targets) {
    const target = await withoutClusterNamespace(raw, options);
    const key = identity(target);
    // A repeated target: the last one wins, as Argo CD's DeduplicateTargetObjects keeps one (with a warning).
    pairs.set(key, { ...pairs.get(key), target });
  }
  for (const live of options.live) {
    const key = identity(live);
    pairs.set(key, { ...pairs.get(key), live });
  }
  return [...pairs.values()];
}

/** Cluster-scoped targets lose a namespace the renderer may have given them (controller/state.go dedup). */
async function withoutClusterNamespace(target: KubeObject, options: CompareAppOptions): Promise<KubeObject> {
  if (!target.metadata.namespace) return target;
  const namespaced = await options.client.discovery.isNamespaced(target.apiVersion, target.kind).catch(() => true);
  if (namespaced !== false) return target;
  const { namespace: _dropped, ...metadata } = target.metadata;
  return { ...target, metadata };
}

async function compareOne(pair: Pair, options: CompareAppOptions, errors: string[]): Promise<ResourceComparison> {
  const { target, live } = pair;
  const obj = (target ?? live)!;
  const { group, version } = parseApiVersion(obj.apiVersion);
  const row: ResourceComparison = {
    group,
    version,
    kind: obj.kind,
    ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
    name: obj.metadata.name ?? '',
    status: 'Synced',
    syncWave: waveOf(obj),
    ...(target ? { target } : {}),
    ...(live ? { live } : {}),
  };
  if (isHook(obj)) return { ...row, hook: true };
  if (isSkipped(obj)) return row;
  if (!target) {
    const normalizedLive = normalize(obj, { ignoreDifferences: options.ignoreDifferences });
    return { ...row, status: 'OutOfSync', requiresPruning: true, diff: diffText(obj, normalizedLive, undefined) };
  }

  let predicted: KubeObject;
  const cacheKey = options.dryRunCache?.key(target, live, options.fieldManager);
  try {
    const cached = cacheKey === undefined ? undefined : options.dryRunCache?.get(cacheKey);
    predicted =
      cached ??
      (await options.client.apply(
        target,
        { fieldManager: options.fieldManager, dryRun: true, force: true },
        options.signal,
      ));
    if (cacheKey !== undefined && !cached) options.dryRunCache?.set(cacheKey, predicted);
  } catch (error) {
    options.signal?.throwIfAborted();
    errors.push(
      `error running server side apply in dry-run mode for resource ${obj.kind}/${row.name}` +
        `${row.namespace ? ` in namespace ${row.namespace}` : ''}: ${messageOf(error)}`,
    );
    return { ...row, status: 'OutOfSync' };
  }
  const normalizedPredicted = normalize(predicted, {
    ignoreDifferences: options.ignoreDifferences,
    managedFieldsSource: live,
  });
  if (!live) {
    return { ...row, status: 'OutOfSync', predicted, diff: diffText(obj, undefined, normalizedPredicted) };
  }
  const normalizedLive = normalize(live, { ignoreDifferences: options.ignoreDifferences });
  if (jsonEqual(normalizedLive, normalizedPredicted)) return { ...row, predicted };
  return { ...row, status: 'OutOfSync', predicted, diff: diffText(obj, normalizedLive, normalizedPredicted) };
}

/** The unified YAML diff `app diff` prints, with Secret values masked as Argo CD masks them. */
function diffText(obj: KubeObject, live: KubeObject | undefined, predicted: KubeObject | undefined): string {
  const sides = yamlSides(obj, live, predicted);
  return unifiedDiff(sides.live, sides.target, { fromLabel: 'live', toLabel: 'target' });
}

function ignoresExtraneous(live: KubeObject | undefined): boolean {
  return hasAnnotationOption(live, COMPARE_OPTIONS_ANNOTATION, 'IgnoreExtraneous');
}

function identity(obj: KubeObject): string {
  return `${parseApiVersion(obj.apiVersion).group}/${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

function byIdentity(a: ResourceComparison, b: ResourceComparison): number {
  const key = (r: ResourceComparison) => [r.group, r.kind, r.namespace ?? '', r.name].join('\u0000');
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
