import { jsonEqual } from '../../json/json-equal.ts';
import type { Application } from '../application/index.ts';
import { maxLevel, type RefreshLevel } from './work-queue.ts';

/** `argocd.argoproj.io/refresh: normal|hard` (argo-cd common.AnnotationKeyRefresh). */
export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';

/**
 * argo-cd `needRefreshAppStatus` for an Application the watch just delivered (`previous` = the version seen before):
 * the refresh annotation (hard bypasses the manifest cache), a spec.source(s) / destination / ignoreDifferences
 * change against `status.sync.comparedTo`, never reconciled; any other spec change is re-evaluated at the last
 * compared revision (e.g. automated sync switched on); a new or terminating operation is run; a deletion is
 * finalized. Our own status writes come back through the watch and ask for nothing.
 */
export function refreshOnUpdate(app: Application, previous: Application | undefined): RefreshLevel | undefined {
  let level: RefreshLevel | undefined;
  const annotation = app.metadata.annotations?.[REFRESH_ANNOTATION];
  if (annotation !== undefined) level = maxLevel(level, annotation === 'hard' ? 'hard' : 'latest');
  if (!app.status?.reconciledAt || comparedToChanged(app)) level = maxLevel(level, 'latest');
  if (previous && !jsonEqual(previous.spec, app.spec)) level = maxLevel(level, 'recent');
  // A new operation (or one asked to terminate) is run; our own operationState writes come back here and ask for
  // nothing — the runner wakes itself on its timer and on live changes.
  if (app.operation && !jsonEqual(app.operation, previous?.operation)) level = maxLevel(level, 'operation');
  const phase = app.status?.operationState?.phase;
  if (phase === 'Terminating' && previous?.status?.operationState?.phase !== 'Terminating') {
    level = maxLevel(level, 'operation');
  }
  if (app.metadata.deletionTimestamp) level = maxLevel(level, 'recent');
  return level;
}

/** The sources, destination or ignoreDifferences differ from what the last comparison used. */
export function comparedToChanged(app: Application): boolean {
  const comparedTo = app.status?.sync?.comparedTo as
    | (NonNullable<NonNullable<Application['status']>['sync']>['comparedTo'] & { ignoreDifferences?: unknown })
    | undefined;
  if (!comparedTo) return true;
  const multi = (app.spec.sources?.length ?? 0) > 0;
  return (
    !jsonEqual(multi ? comparedTo.sources : comparedTo.source, multi ? app.spec.sources : app.spec.source) ||
    !jsonEqual(comparedTo.destination, app.spec.destination) ||
    !jsonEqual(comparedTo.ignoreDifferences ?? [], app.spec.ignoreDifferences ?? [])
  );
}

/**
 * When the next poll is due: `reconciledAt` + `timeout.reconciliation` + a jitter drawn in [0, jitter) (Argo CD 3
 * defaults 120 s + up to 60 s). Undefined when polling is off (interval 0).
 */
export function nextPollAt(options: {
  reconciledAt: string | undefined;
  now: number;
  intervalMs: number;
  jitterMs: number;
  random: () => number;
}): number | undefined {
  if (options.intervalMs <= 0) return undefined;
  const base = options.reconciledAt ? Date.parse(options.reconciledAt) : options.now;
  return base + options.intervalMs + Math.floor(options.random() * options.jitterMs);
}
