import { type KubeObject, parseApiVersion } from '../../kube/object.ts';
import type { Application, ApplicationStatus } from '../application/index.ts';
import type { ClusterClient } from '../cluster/index.ts';
import { appHealth } from '../health/index.ts';
import type { HealthStatusCode } from '../health/status.ts';
import type { AppComparison, ControllerEngines, LiveStatePort, WatchedKind } from './ports.ts';
import type { RenderedApp } from './render-app.ts';

export type StatusResource = NonNullable<ApplicationStatus['resources']>[number];

export interface ComparedState {
  comparison: AppComparison;
  health: { status: HealthStatusCode; message?: string };
  resources: StatusResource[];
  images: string[];
}

/**
 * The cluster half of argo-cd `CompareAppState`: watch every kind the app renders or managed before (so a pruned
 * kind stays visible), take the app's managed objects from the live-state cache, diff them (`compareApp`), and
 * assess health (`appHealth`). Resources are reported in Argo CD's order: group, kind, namespace, name.
 */
export async function compareState(options: {
  app: Application;
  rendered: Pick<RenderedApp, 'targets'>;
  appInstance: string;
  client: ClusterClient;
  live: LiveStatePort;
  engines: ControllerEngines;
  fieldManager: string;
}): Promise<ComparedState> {
  const { app, rendered, live } = options;
  await live.watch(kindsOf(rendered.targets, app.status?.resources ?? []));
  const liveObjects = live.liveObjects(options.appInstance, rendered.targets);
  const comparison = await options.engines.compare({
    client: options.client,
    targets: rendered.targets,
    live: liveObjects,
    ...(app.spec.ignoreDifferences ? { ignoreDifferences: app.spec.ignoreDifferences } : {}),
    fieldManager: options.fieldManager,
  });
  const sorted = [...comparison.resources].sort(
    (a, b) =>
      a.group.localeCompare(b.group) ||
      a.kind.localeCompare(b.kind) ||
      (a.namespace ?? '').localeCompare(b.namespace ?? '') ||
      a.name.localeCompare(b.name),
  );
  const health = appHealth(
    sorted.map((r) => ({
      ...(r.target ? { target: r.target } : {}),
      ...(r.live ? { live: r.live } : {}),
    })),
    { app: { name: app.metadata.name!, namespace: app.metadata.namespace ?? '' } },
  );
  const resources = sorted.map((r, i): StatusResource => {
    const h = health.resources[i];
    return {
      ...(r.group ? { group: r.group } : {}),
      version: r.version,
      kind: r.kind,
      ...(r.namespace ? { namespace: r.namespace } : {}),
      name: r.name,
      status: r.status,
      ...(h ? { health: h.message ? { status: h.status, message: h.message } : { status: h.status } } : {}),
      ...(r.hook ? { hook: true } : {}),
      ...(r.requiresPruning ? { requiresPruning: true } : {}),
      ...(r.syncWave ? { syncWave: r.syncWave } : {}),
    };
  });
  return {
    comparison: { ...comparison, resources: sorted },
    health: { status: health.status },
    resources,
    images: imagesOf(liveObjects),
  };
}

function kindsOf(targets: readonly KubeObject[], previous: readonly StatusResource[]): WatchedKind[] {
  const kinds = new Map<string, WatchedKind>();
  for (const t of targets) kinds.set(`${t.apiVersion} ${t.kind}`, { apiVersion: t.apiVersion, kind: t.kind });
  for (const r of previous) {
    const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
    kinds.set(`${apiVersion} ${r.kind}`, { apiVersion, kind: r.kind });
  }
  return [...kinds.values()];
}

/**
 * `status.summary.images`: the container images of the live resources, sorted and unique (argo-cd `getAppImages`
 * from the resource tree's `Images`: pods and the pod templates of workloads).
 */
export function imagesOf(objects: readonly KubeObject[]): string[] {
  const images = new Set<string>();
  for (const obj of objects) {
    const spec = podSpecOf(obj);
    for (const list of [spec?.['containers'], spec?.['initContainers']]) {
      if (!Array.isArray(list)) continue;
      for (const c of list) {
        const image = (c as { image?: unknown }).image;
        if (typeof image === 'string') images.add(image);
      }
    }
  }
  return [...images].sort();
}

function podSpecOf(obj: KubeObject): Record<string, unknown> | undefined {
  const spec = obj['spec'] as Record<string, unknown> | undefined;
  if (!spec) return undefined;
  if (obj.kind === 'Pod' && parseApiVersion(obj.apiVersion).group === '') return spec;
  if (obj.kind === 'CronJob') {
    const job = (spec['jobTemplate'] as { spec?: { template?: { spec?: Record<string, unknown> } } } | undefined)?.spec;
    return job?.template?.spec;
  }
  return (spec['template'] as { spec?: Record<string, unknown> } | undefined)?.spec;
}
