import { jsonEqual } from '../../json/json-equal.ts';
import { type Application, type ApplicationSource, type Operation, selfHealDelay } from '../application/index.ts';
import type { SelfHealBackoff } from './options.ts';
import type { ResourceComparison } from './ports.ts';

/** An Operation as Argo CD writes it, with the self-heal attempt counter of `SyncOperation`. */
export type ControllerOperation = Operation & {
  sync?: NonNullable<Operation['sync']> & {
    selfHealAttemptsCount?: number;
    source?: ApplicationSource;
    sources?: ApplicationSource[];
  };
};

export type AutoSyncDecision =
  | { kind: 'skip'; reason: string }
  /** A SyncError condition, no operation. */
  | { kind: 'error'; message: string }
  /** Self-heal back-off: look again after this long. */
  | { kind: 'wait'; afterMs: number; reason: string }
  | { kind: 'sync'; operation: ControllerOperation; message: string };

export interface AutoSyncInput {
  app: Application;
  syncStatus: 'Synced' | 'OutOfSync' | 'Unknown';
  resources: readonly Pick<
    ResourceComparison,
    'group' | 'kind' | 'namespace' | 'name' | 'status' | 'requiresPruning'
  >[];
  /** Resolved revision per source of the comparison. */
  revisions: readonly string[];
  multiSource: boolean;
  now: number;
  backoff: SelfHealBackoff;
}

export function automatedEnabled(app: Application): boolean {
  const automated = app.spec.syncPolicy?.automated;
  return automated !== undefined && automated !== null && automated.enabled !== false;
}

/**
 * argo-cd `ApplicationController.autoSync` (controller/appcontroller.go), gate by gate:
 * automated on (a null `enabled` counts as on) → OutOfSync → no operation in flight → not being deleted →
 * not prune-only with prune off → the same revision and source already attempted (failed: SyncError
 * "Failed last sync attempt…", no retry; succeeded with selfHeal: a selective sync of the non-Synced resources
 * after the self-heal back-off; else skip) → allowEmpty guard → an automated sync operation.
 */
export function autoSyncDecision(input: AutoSyncInput): AutoSyncDecision {
  const { app, now } = input;
  const automated = app.spec.syncPolicy?.automated;
  if (!automated || !automatedEnabled(app)) return { kind: 'skip', reason: 'automated sync is disabled' };
  if (app.operation) return { kind: 'skip', reason: 'an operation is already in progress' };
  if (app.metadata.deletionTimestamp) return { kind: 'skip', reason: 'the application is being deleted' };
  if (input.syncStatus !== 'OutOfSync') return { kind: 'skip', reason: `the application is ${input.syncStatus}` };
  const revision = input.revisions[0] ?? '';
  const display = input.multiSource ? input.revisions.join(', ') : revision;
  if (!automated.prune && input.resources.every((r) => r.status === 'Synced' || r.requiresPruning)) {
    return {
      kind: 'skip',
      reason: `Skipping sync attempt to ${display}: need to prune extra resources only but automated prune is disabled`,
    };
  }
  const last = app.status?.operationState;
  const attempted = alreadyAttempted(app, input.revisions, input.multiSource);
  const selfHeal = automated.selfHeal === true;
  const operation: ControllerOperation = {
    sync: {
      ...(input.multiSource ? { revisions: [...input.revisions] } : { revision }),
      prune: automated.prune === true,
      ...(app.spec.syncPolicy?.syncOptions ? { syncOptions: [...app.spec.syncPolicy.syncOptions] } : {}),
    },
    initiatedBy: { automated: true },
    // Automated operations retry 5 times when the app has no retry strategy (appcontroller.go autoSync).
    retry: app.spec.syncPolicy?.retry ?? { limit: 5 },
  };
  if (attempted) {
    if (last!.phase !== 'Succeeded') {
      return {
        kind: 'error',
        message: `Failed last sync attempt to ${display}: ${last!.message ?? ''}`,
      };
    }
    if (!selfHeal) return { kind: 'skip', reason: `most recent sync already to ${display}` };
    const lastOp = last!.operation as ControllerOperation;
    const finishedAt = last!.finishedAt ? Date.parse(last!.finishedAt) : undefined;
    // shouldSelfHeal: the counter starts again after a successful sync older than the cool-down.
    let attempts = lastOp.sync?.selfHealAttemptsCount ?? 0;
    if (finishedAt !== undefined && now - finishedAt >= input.backoff.cooldownMs) attempts = 0;
    const delay = selfHealDelay(attempts, input.backoff);
    const remaining = finishedAt === undefined ? delay : delay - (now - finishedAt);
    if (remaining > 0) {
      return { kind: 'wait', afterMs: remaining, reason: `self-heal back-off: ${Math.ceil(remaining / 1000)} s left` };
    }
    operation.sync!.selfHealAttemptsCount = attempts + 1;
    operation.sync!.resources = input.resources
      .filter((r) => r.status !== 'Synced')
      .map((r) => ({
        ...(r.group ? { group: r.group } : {}),
        kind: r.kind,
        name: r.name,
        ...(r.namespace ? { namespace: r.namespace } : {}),
      }));
  }
  if (automated.prune && !automated.allowEmpty && input.resources.length > 0) {
    if (input.resources.every((r) => r.requiresPruning)) {
      return { kind: 'error', message: `Skipping sync attempt to ${display}: auto-sync will wipe out all resources` };
    }
  }
  return { kind: 'sync', operation, message: `Initiated automated sync to '${display}'` };
}

/**
 * argo-cd `alreadyAttemptedSync`: the last operation synced this very revision (all of them for multi-source) from
 * this very source. Returns false when there is no such operation.
 */
export function alreadyAttempted(app: Application, revisions: readonly string[], multiSource: boolean): boolean {
  const result = app.status?.operationState?.syncResult;
  if (!result) return false;
  if (multiSource) {
    return jsonEqual(result.revisions ?? [], revisions) && jsonEqual(result.sources ?? [], app.spec.sources ?? []);
  }
  return result.revision === revisions[0] && jsonEqual(result.source ?? {}, app.spec.source ?? {});
}
