import { formatTime } from '../../clock/index.ts';
import { messageOf } from '../../errors.ts';
import { jsonEqual } from '../../json/json-equal.ts';
import type { KubeObject } from '../../kube/object.ts';
import { type ApplicationStatus, retryAllowed, retryDelay } from '../application/index.ts';
import { resourceKey } from '../sync/engine/index.ts';
import { automatedEnabled, type ControllerOperation } from './auto-sync.ts';
import { setConditions } from './conditions.ts';
import type { AppRecord, ControllerContext } from './context.ts';
import { appendHistory } from './history.ts';
import type { SyncRunState } from './ports.ts';
import { appSources, renderApp } from './render-app.ts';

type OperationState = NonNullable<ApplicationStatus['operationState']>;

/** argo-cd server/application `Rollback`: refused while automated sync is on. */
export const ROLLBACK_REFUSED = 'rollback cannot be initiated when auto-sync is enabled';

const TERMINAL = new Set(['Succeeded', 'Failed', 'Error']);

/** A rollback is a sync that carries the history entry's source(s) (argo-cd `Rollback` sets `sync.source`). */
export function isRollback(operation: ControllerOperation): boolean {
  return operation.sync?.source !== undefined || operation.sync?.sources !== undefined;
}

/**
 * Advances an app's operation one step — argo-cd `processRequestedAppOperation` around gitops-engine's SyncContext:
 * start it (operationState Running, OperationStarted), render the targets at the operation's revision, `step()`,
 * write `status.operationState` (phase, message, syncResult) after every step, wake again in 1 s (or on a live
 * change) while Running; on Failed/Error retry with `retryDelay` while the retry limit allows ("Retrying attempt #N
 * at …"); when done set finishedAt, append history (successful, not dry run, not selective), remove `operation`,
 * record OperationCompleted and ask for a refresh.
 */
export async function runOperation(ctx: ControllerContext, record: AppRecord): Promise<void> {
  const app = record.app;
  const operation = app.operation as ControllerOperation | undefined;
  const current = app.status?.operationState;
  if (!operation) {
    if (record.run && current?.phase === 'Terminating') record.run.sync.terminate();
    if (!record.run) return;
    if (current?.phase !== 'Terminating') {
      record.run = undefined;
      return;
    }
  }
  const op = operation ?? (current!.operation as ControllerOperation);
  const operationKey = JSON.stringify(op);
  const inProgress =
    current !== undefined &&
    (current.phase === 'Running' || current.phase === 'Terminating') &&
    jsonEqual(current.operation, op);

  if (!inProgress) {
    record.run = undefined;
    record.retryAt = undefined;
    if (!op.sync) {
      await finish(
        ctx,
        record,
        op,
        { phase: 'Error', message: 'only sync operations are supported', resources: [] },
        {
          startedAt: formatTime(ctx.clock.now()),
        },
      );
      return;
    }
    if (isRollback(op) && automatedEnabled(app)) {
      await refuseRollback(ctx, record, op);
      return;
    }
    const startedAt = formatTime(ctx.clock.now());
    const state: OperationState = { operation: op, phase: 'Running', message: '', startedAt };
    record.app = await ctx.writer.write(app, { status: { ...app.status, operationState: state } }, ctx.signal);
    if (!op.initiatedBy?.automated) {
      const message = `initiated ${op.sync.resources ? 'partial ' : ''}sync to ${op.sync.revision || op.sync.revisions?.join(', ') || 'HEAD'}`;
      await ctx.events.record(record.app, { reason: 'OperationStarted', message }, ctx.signal);
    }
    ctx.log.info('operation started', { application: record.name, operation: op });
  }

  if (record.retryAt !== undefined && ctx.clock.now() < record.retryAt) {
    ctx.enqueueAfter(record.name, 'operation', record.retryAt - ctx.clock.now(), 'operation');
    return;
  }
  record.retryAt = undefined;
  const state = record.app.status!.operationState!;

  if (!record.run || record.run.operationKey !== operationKey) {
    try {
      record.run = { ...(await startSync(ctx, record, op, state)), operationKey };
    } catch (error) {
      ctx.signal.throwIfAborted();
      await afterStep(ctx, record, op, { phase: 'Error', message: messageOf(error), resources: [] });
      return;
    }
  }
  if (state.phase === 'Terminating') await record.run.sync.terminate();
  try {
    await record.run.sync.step();
  } catch (error) {
    ctx.signal.throwIfAborted();
    await afterStep(ctx, record, op, { phase: 'Error', message: messageOf(error), resources: [] });
    return;
  }
  await afterStep(ctx, record, op, record.run.sync.state());
}

async function startSync(ctx: ControllerContext, record: AppRecord, op: ControllerOperation, state: OperationState) {
  const app = record.app;
  const sync = op.sync!;
  const rollbackSources = sync.sources ?? (sync.source ? [sync.source] : undefined);
  const rendered = await renderApp({
    app,
    repo: ctx.repo,
    manifests: ctx.manifests,
    client: ctx.client,
    appInstance: record.instance,
    controlPlaneNamespace: ctx.namespace,
    ...(rollbackSources ? { sources: rollbackSources } : {}),
    revisions: sync.revisions ?? [sync.revision],
    signal: ctx.signal,
  });
  // Namespaces too: CreateNamespace=true makes the sync wait for the namespace it creates (a PreSync task).
  const kinds = new Map(rendered.targets.map((t) => [`${t.apiVersion} ${t.kind}`, t]));
  kinds.set('v1 Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: {} });
  for (const r of app.status?.resources ?? []) {
    const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
    kinds.set(`${apiVersion} ${r.kind}`, { apiVersion, kind: r.kind, metadata: {} });
  }
  await ctx.live.watch([...kinds.values()].map((k) => ({ apiVersion: k.apiVersion, kind: k.kind })));
  const syncOptions = sync.syncOptions ?? app.spec.syncPolicy?.syncOptions ?? [];
  const live = ctx.live.liveObjects(record.instance, rendered.targets);
  const resourceStatuses = syncOptions.includes('ApplyOutOfSyncOnly=true')
    ? await compareForSync(ctx, app, rendered.targets, live)
    : undefined;
  const run = ctx.engines.startSync({
    client: ctx.client,
    clock: ctx.clock,
    getLive: (ref) => ctx.live.get(ref),
    appInstance: record.instance,
    destinationNamespace: app.spec.destination.namespace ?? '',
    revision: rendered.revisions[0] ?? '',
    targets: rendered.targets,
    live,
    options: {
      prune: sync.prune === true,
      dryRun: sync.dryRun === true,
      syncOptions,
      ...(sync.resources ? { resources: sync.resources } : {}),
      ...(sync.syncStrategy?.apply?.force || sync.syncStrategy?.hook?.force ? { force: true } : {}),
      ...(app.spec.syncPolicy?.managedNamespaceMetadata
        ? { managedNamespaceMetadata: app.spec.syncPolicy.managedNamespaceMetadata }
        : {}),
      ...(resourceStatuses ? { resourceStatuses } : {}),
    },
    fieldManager: ctx.settings.fieldManager,
    startedAt: Date.parse(state.startedAt),
  });
  return { sync: run, rendered };
}

/**
 * ApplyOutOfSyncOnly=true needs to know what is Synced at the revision being synced: argo-cd `SyncAppState` compares
 * again (`CompareAppState` at the sync's revisions) and hands the diff results to gitops-engine
 * (`WithResourceModificationChecker`). The same comparison here, keyed as the engine expects.
 */
async function compareForSync(
  ctx: ControllerContext,
  app: AppRecord['app'],
  targets: KubeObject[],
  live: KubeObject[],
): Promise<Map<string, 'Synced' | 'OutOfSync'>> {
  const comparison = await ctx.engines.compare({
    client: ctx.client,
    targets,
    live,
    ...(app.spec.ignoreDifferences ? { ignoreDifferences: app.spec.ignoreDifferences } : {}),
    fieldManager: ctx.settings.fieldManager,
    signal: ctx.signal,
  });
  return new Map(comparison.resources.map((r) => [resourceKey(r), r.status]));
}

async function afterStep(
  ctx: ControllerContext,
  record: AppRecord,
  op: ControllerOperation,
  result: SyncRunState,
): Promise<void> {
  const state = record.app.status!.operationState!;
  const syncResult = syncResultOf(record, result, op);
  if (!TERMINAL.has(result.phase)) {
    const next: OperationState = {
      ...state,
      phase: result.phase,
      message: result.message,
      ...(syncResult ? { syncResult } : {}),
    };
    record.app = await ctx.writer.write(
      record.app,
      { status: { ...record.app.status, operationState: next } },
      ctx.signal,
    );
    ctx.enqueueAfter(record.name, 'operation', ctx.settings.operationStepMs, 'operation');
    return;
  }
  const retryCount = state.retryCount ?? 0;
  const failed = result.phase === 'Failed' || result.phase === 'Error';
  if (failed && !op.sync?.dryRun && state.phase !== 'Terminating' && retryAllowed(op.retry, retryCount)) {
    const delay = retryDelay(op.retry, retryCount);
    const retryAt = ctx.clock.now() + delay;
    const next: OperationState = {
      ...state,
      phase: 'Running',
      message: `${result.message}. Retrying attempt #${retryCount + 1} at ${kitchen(retryAt)}.`,
      retryCount: retryCount + 1,
      ...(syncResult ? { syncResult } : {}),
    };
    record.run = undefined;
    record.retryAt = retryAt;
    record.app = await ctx.writer.write(
      record.app,
      { status: { ...record.app.status, operationState: next } },
      ctx.signal,
    );
    ctx.log.warn('sync failed; retrying', {
      application: record.name,
      message: result.message,
      retryCount: retryCount + 1,
      delayMs: delay,
      retryAt,
    });
    ctx.enqueueAfter(record.name, 'operation', delay, 'operation');
    return;
  }
  const message = failed && retryCount > 0 ? `${result.message} (retried ${retryCount} times).` : result.message;
  await finish(ctx, record, op, { ...result, message }, state);
}

/**
 * `operationState.syncResult`: the revision(s) and source(s) synced, with the per-resource results. Before a
 * SyncContext exists (the targets could not be rendered) it still names the operation's revision and source, as
 * argo-cd records it at the start of `SyncAppState`, so auto-sync sees the attempt and does not repeat it.
 */
function syncResultOf(
  record: AppRecord,
  result: SyncRunState,
  op?: ControllerOperation,
): OperationState['syncResult'] | undefined {
  const rendered = record.run?.rendered;
  if (!rendered) {
    const sync = op?.sync;
    if (!sync) return undefined;
    const { sources, multiSource } = appSources(record.app);
    if (multiSource) {
      return {
        revision: sync.revisions?.[0] ?? '',
        revisions: sync.revisions ?? [],
        sources: sync.sources ?? sources,
        resources: result.resources,
      };
    }
    const source = sync.source ?? sources[0];
    return source ? { revision: sync.revision ?? '', source, resources: result.resources } : undefined;
  }
  return rendered.multiSource
    ? {
        revision: rendered.revisions[0] ?? '',
        revisions: rendered.revisions,
        sources: rendered.sources,
        resources: result.resources,
      }
    : { revision: rendered.revisions[0] ?? '', source: rendered.sources[0]!, resources: result.resources };
}

async function finish(
  ctx: ControllerContext,
  record: AppRecord,
  op: ControllerOperation,
  result: SyncRunState,
  state: Pick<OperationState, 'startedAt'> & Partial<OperationState>,
): Promise<void> {
  const app = record.app;
  const now = formatTime(ctx.clock.now());
  const syncResult = syncResultOf(record, result, op);
  const final: OperationState = {
    ...state,
    operation: op,
    phase: result.phase,
    message: result.message,
    ...(syncResult ? { syncResult } : {}),
    startedAt: state.startedAt,
    finishedAt: now,
  };
  let history = app.status?.history;
  if (result.phase === 'Succeeded' && syncResult && !op.sync?.dryRun && !op.sync?.resources?.length) {
    history = appendHistory(
      history,
      {
        ...(syncResult.revisions
          ? { revisions: syncResult.revisions, sources: syncResult.sources! }
          : { revision: syncResult.revision, source: syncResult.source! }),
        deployedAt: now,
        deployStartedAt: state.startedAt,
        ...(op.initiatedBy ? { initiatedBy: op.initiatedBy } : {}),
      },
      app.spec.revisionHistoryLimit ?? ctx.settings.revisionHistoryLimit,
    );
  }
  record.run = undefined;
  record.retryAt = undefined;
  record.app = await ctx.writer.write(
    app,
    { status: { ...app.status, operationState: final, ...(history ? { history } : {}) }, operation: null },
    ctx.signal,
  );
  const prefix = op.sync?.resources?.length ? 'Partial sync operation to' : 'Sync operation to';
  const revision = syncResult?.revision ?? op.sync?.revision ?? '';
  const succeeded = result.phase === 'Succeeded';
  const message = succeeded ? `${prefix} ${revision} succeeded` : `${prefix} ${revision} failed: ${result.message}`;
  ctx.log.info('operation completed', { application: record.name, phase: result.phase, message: result.message });
  await ctx.events.record(
    record.app,
    { reason: 'OperationCompleted', message, type: succeeded ? 'Normal' : 'Warning' },
    ctx.signal,
  );
  ctx.enqueue(record.name, 'latest');
}

async function refuseRollback(ctx: ControllerContext, record: AppRecord, op: ControllerOperation): Promise<void> {
  const app = record.app;
  const now = formatTime(ctx.clock.now());
  record.app = await ctx.writer.write(
    app,
    {
      status: {
        ...app.status,
        operationState: { operation: op, phase: 'Error', message: ROLLBACK_REFUSED, startedAt: now, finishedAt: now },
        conditions: setConditions(app.status?.conditions, [{ type: 'SyncError', message: ROLLBACK_REFUSED }], [], now),
      },
      operation: null,
    },
    ctx.signal,
  );
  ctx.log.warn(ROLLBACK_REFUSED, { application: record.name });
  await ctx.events.record(
    record.app,
    { reason: 'OperationCompleted', message: `Rollback refused: ${ROLLBACK_REFUSED}`, type: 'Warning' },
    ctx.signal,
  );
}

/** Go's time.Kitchen ("3:04PM"), as in argo-cd's retry message; UTC. */
function kitchen(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  return `${h % 12 === 0 ? 12 : h % 12}:${String(d.getUTCMinutes()).padStart(2, '0')}${h < 12 ? 'AM' : 'PM'}`;
}
