import { type KubeObject, parseApiVersion } from '../../kube/object.ts';
import { isHook, isSkipped } from '../sync/plan/hooks.ts';
import { resourceHealth } from './resource-health.ts';
import { type HealthStatus, type HealthStatusCode, health, isWorse } from './status.ts';
import type { HealthCheckOptions } from './table.ts';

/** Annotation that leaves a resource out of the app's health (argo-cd common.AnnotationIgnoreHealthCheck). */
export const IGNORE_HEALTHCHECK_ANNOTATION = 'argocd.argoproj.io/ignore-healthcheck';

/** One managed resource: its desired state from git, its live state from the cluster, either possibly absent. */
export interface ManagedResource {
  target?: KubeObject;
  live?: KubeObject;
}

export interface AppHealthOptions extends HealthCheckOptions {
  /** The Application being assessed: an app that manages itself does not count towards its own health. */
  app?: { name: string; namespace: string };
}

export interface AppHealth {
  status: HealthStatusCode;
  /**
   * Per resource, in input order: the health written into `status.resources[].health`, or undefined for resources
   * Argo CD leaves without one (hooks, skipped, ignored, kinds without a check, the app itself).
   */
  resources: (HealthStatus | undefined)[];
}

function groupKind(obj: KubeObject): string {
  return `${parseApiVersion(obj.apiVersion).group}/${obj.kind}`;
}

/**
 * The app's health as argo-cd `setApplicationHealth` (controller/health.go) computes it: the worst resource health,
 * starting from Healthy, where
 * - hooks, `Skip` resources and `ignore-healthcheck: "true"` resources are left out;
 * - kinds without a check are left out (they have no health);
 * - missing resources are reported Missing but do not count (OutOfSync already says so) — unless no resource
 *   exists at all, which makes the app Missing;
 * - a child Application's Missing or Unknown health does not count;
 * - a status's `aggregateAs` (suspended Jobs → Healthy) is what counts.
 */
export function appHealth(resources: readonly ManagedResource[], options: AppHealthOptions = {}): AppHealth {
  let status: HealthStatusCode = 'Healthy';
  let containsResources = false;
  let containsLive = false;
  const results = resources.map((resource): HealthStatus | undefined => {
    const { target, live } = resource;
    if (target && isSkipped(target)) return undefined;
    if (live && isHook(live)) return undefined;
    if (!target && !live) return undefined;
    containsResources = true;
    if (live) containsLive = true;
    if (live?.metadata.annotations?.[IGNORE_HEALTHCHECK_ANNOTATION] === 'true') return undefined;
    if (!live) return health('Missing');
    if (isSelf(live, options.app)) return undefined;
    const result = resourceHealth(live, options);
    if (!result) return undefined;
    const isChildApp = groupKind(live) === 'argoproj.io/Application';
    if (isChildApp && (result.status === 'Missing' || result.status === 'Unknown')) return result;
    const counted = result.aggregateAs ?? result.status;
    if (isWorse(status, counted)) status = counted;
    return result;
  });
  if (containsResources && !containsLive && isWorse(status, 'Missing')) status = 'Missing';
  return { status, resources: results };
}

function isSelf(live: KubeObject, app: AppHealthOptions['app']): boolean {
  return (
    app !== undefined &&
    groupKind(live) === 'argoproj.io/Application' &&
    live.metadata.name === app.name &&
    live.metadata.namespace === app.namespace
  );
}
