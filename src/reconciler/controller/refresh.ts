import { formatTime } from '../../clock/index.ts';
import { messageOf } from '../../errors.ts';
import { jsonEqual } from '../../json/json-equal.ts';
import {
  type Application,
  type ApplicationConditionType,
  type ApplicationStatus,
  unsupportedFieldsMessage,
  validateApplicationSpec,
} from '../application/index.ts';
import { automatedEnabled, autoSyncDecision } from './auto-sync.ts';
import { compareState } from './compare-state.ts';
import { type Condition, setConditions } from './conditions.ts';
import type { AppRecord, ControllerContext } from './context.ts';
import { ROLLBACK_REFUSED } from './operation-runner.ts';
import { comparedToChanged, REFRESH_ANNOTATION } from './refresh-triggers.ts';
import { appSources, type RenderedApp, renderApp } from './render-app.ts';
import { atLeast, type RefreshLevel } from './work-queue.ts';

type Found = Omit<Condition, 'lastTransitionTime'>;

/**
 * One refresh of an app — argo-cd `processAppRefresh`: check the spec, render at the revision (resolved again for
 * `latest`/`hard`, the last compared one for `recent`), compare with the live state, assess health, write the status
 * (ComparisonError on render, git or diff failures, cleared once they pass), then run the auto-sync gates.
 * Returns the app as stored afterwards.
 */
export async function refreshApp(ctx: ControllerContext, record: AppRecord, level: RefreshLevel): Promise<void> {
  const app = record.app;
  const now = ctx.clock.now();
  const nowText = formatTime(now);
  const removeAnnotations = [REFRESH_ANNOTATION];
  const baseStatus: ApplicationStatus = { ...app.status };
  const reconciled = { reconciledAt: nowText, observedAt: nowText };
  const comparedTo = comparedToOf(app);

  const invalid = await specProblems(ctx, app);
  if (invalid.length > 0) {
    ctx.log.warn('invalid spec', { application: record.name, problems: invalid });
    record.app = await ctx.writer.write(
      app,
      {
        status: {
          ...baseStatus,
          ...reconciled,
          sync: { ...baseStatus.sync, status: 'Unknown', comparedTo },
          health: { status: 'Unknown' },
          conditions: setConditions(
            app.status?.conditions,
            invalid.map((message) => ({ type: 'InvalidSpecError', message })),
            ['InvalidSpecError', 'ComparisonError'],
            nowText,
          ),
        },
        removeAnnotations,
      },
      ctx.signal,
    );
    return;
  }

  let rendered: RenderedApp;
  let reused = false;
  const { sources } = appSources(app);
  try {
    const reuse =
      level === 'recent' && record.lastRendered && jsonEqual(record.lastRendered.sources, sources)
        ? record.lastRendered
        : undefined;
    rendered =
      reuse ??
      (await renderApp({
        app,
        repo: ctx.repo,
        manifests: ctx.manifests,
        client: ctx.client,
        appInstance: record.instance,
        controlPlaneNamespace: ctx.namespace,
        hardRefresh: level === 'hard',
        // CompareWithRecent after a restart: the last compared revision, no git round trip.
        ...(level === 'recent' && !comparedToChanged(app) ? { revisions: lastRevisions(app) } : {}),
        signal: ctx.signal,
      }));
    reused = reuse !== undefined;
  } catch (error) {
    ctx.signal.throwIfAborted();
    ctx.log.warn('comparison failed: manifests', { application: record.name, error: messageOf(error) });
    record.app = await writeComparisonError(ctx, app, `Failed to load target state: ${messageOf(error)}`, {
      baseStatus,
      comparedTo,
      reconciled: atLeast(level, 'latest') || !baseStatus.reconciledAt ? reconciled : { observedAt: nowText },
      removeAnnotations,
    });
    return;
  }

  let compared: Awaited<ReturnType<typeof compareState>>;
  try {
    compared = await compareState({
      app,
      rendered,
      appInstance: record.instance,
      client: ctx.client,
      live: ctx.live,
      engines: ctx.engines,
      fieldManager: ctx.settings.fieldManager,
    });
  } catch (error) {
    ctx.signal.throwIfAborted();
    ctx.log.warn('comparison failed: live state', { application: record.name, error: messageOf(error) });
    record.app = await writeComparisonError(
      ctx,
      app,
      `Failed to compare desired state to live state: ${messageOf(error)}`,
      {
        baseStatus,
        comparedTo,
        reconciled,
        removeAnnotations,
      },
    );
    return;
  }
  record.lastRendered = rendered;

  const found: Found[] = compared.comparison.errors.map((e) => ({
    type: 'ComparisonError',
    message: typeof e === 'string' ? e : e.message,
  }));
  const syncStatus = compared.comparison.syncStatus;
  const decision = autoSyncDecision({
    app,
    syncStatus,
    resources: compared.comparison.resources,
    revisions: rendered.revisions,
    multiSource: rendered.multiSource,
    now,
    backoff: ctx.settings.selfHealBackoff,
  });
  if (decision.kind === 'error') found.push({ type: 'SyncError', message: decision.message });
  const evaluated: ApplicationConditionType[] = ['InvalidSpecError', 'ComparisonError', 'SyncError'];
  let conditions = setConditions(app.status?.conditions, found, evaluated, nowText);
  const refusal = app.status?.conditions?.find((c) => c.type === 'SyncError' && c.message === ROLLBACK_REFUSED);
  if (refusal && app.status?.operationState?.message === ROLLBACK_REFUSED && automatedEnabled(app)) {
    conditions = [...conditions.filter((c) => c !== refusal && c.message !== ROLLBACK_REFUSED), refusal];
  }

  const status: ApplicationStatus & Record<string, unknown> = {
    ...baseStatus,
    ...(atLeast(level, 'latest') || !baseStatus.reconciledAt ? reconciled : { observedAt: nowText }),
    sync: {
      status: syncStatus,
      ...(rendered.multiSource ? { revisions: rendered.revisions } : { revision: rendered.revisions[0] }),
      comparedTo,
    },
    health: compared.health,
    resources: compared.resources,
    conditions,
    summary: { ...baseStatus.summary, images: compared.images },
  };
  delete status['sourceType'];
  delete status['sourceTypes'];
  if (rendered.multiSource) status['sourceTypes'] = rendered.sourceTypes.map((t) => t ?? '');
  else if (rendered.sourceTypes[0]) status['sourceType'] = rendered.sourceTypes[0];
  if (!status.conditions?.length) delete status.conditions;

  ctx.log.info('reconciled', {
    application: record.name,
    refresh: level,
    sync: syncStatus,
    health: compared.health.status,
    revision: rendered.revisions.join(','),
    // `hard` bypasses the manifest cache (argo-cd `RefreshTypeHard` → repo-server `NoCache`): always a miss.
    manifestCache: reused ? 'reused' : rendered.cacheHit ? 'hit' : 'miss',
    durationMs: Math.round(ctx.clock.now() - now),
    autoSync:
      decision.kind === 'sync'
        ? 'sync'
        : `${decision.kind}: ${'reason' in decision ? decision.reason : decision.message}`,
  });
  record.app = await ctx.writer.write(app, { status, removeAnnotations }, ctx.signal);

  if (decision.kind === 'wait') {
    ctx.enqueueAfter(record.name, 'self-heal', decision.afterMs, 'recent');
  } else if (decision.kind === 'sync') {
    record.app = await ctx.writer.write(record.app, { operation: decision.operation }, ctx.signal);
    ctx.log.info(decision.message, { application: record.name });
    await ctx.events.record(record.app, { reason: 'OperationStarted', message: decision.message }, ctx.signal);
  }
}

function lastRevisions(app: Application): (string | undefined)[] {
  const sync = app.status?.sync;
  return sync?.revisions ?? [sync?.revision];
}

function comparedToOf(app: Application) {
  const { sources, multiSource } = appSources(app);
  return {
    ...(multiSource ? { sources } : { source: sources[0] }),
    destination: app.spec.destination,
    ...(app.spec.ignoreDifferences ? { ignoreDifferences: app.spec.ignoreDifferences } : {}),
  };
}

/** argo-cd `refreshAppConditions`: unsupported fields, a missing project, no source. */
async function specProblems(ctx: ControllerContext, app: Application): Promise<string[]> {
  const problems: string[] = [];
  const unsupported = validateApplicationSpec(app);
  if (unsupported.length > 0) problems.push(unsupportedFieldsMessage(unsupported));
  if (appSources(app).sources.length === 0) problems.push('spec.source or spec.sources is required');
  if (!app.spec.destination?.server && !app.spec.destination?.name) {
    problems.push('Destination server missing from app spec');
  }
  const project = app.spec.project || 'default';
  const found = await ctx.client
    .get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace: ctx.namespace, name: project })
    .catch(() => undefined);
  if (!found) problems.push(`Application referencing project ${project} which does not exist`);
  return problems;
}

/**
 * A failed comparison (argo-cd `CompareAppState` with `failedToLoadObjs`): sync status Unknown with a
 * ComparisonError condition; the resources and health of the last good comparison stay.
 */
async function writeComparisonError(
  ctx: ControllerContext,
  app: Application,
  message: string,
  parts: {
    baseStatus: ApplicationStatus;
    comparedTo: ReturnType<typeof comparedToOf>;
    reconciled: { reconciledAt?: string; observedAt: string };
    removeAnnotations: string[];
  },
): Promise<Application> {
  const nowText = formatTime(ctx.clock.now());
  return ctx.writer.write(
    app,
    {
      status: {
        ...parts.baseStatus,
        ...parts.reconciled,
        sync: { status: 'Unknown', comparedTo: parts.comparedTo },
        conditions: setConditions(
          app.status?.conditions,
          [{ type: 'ComparisonError', message }],
          ['InvalidSpecError', 'ComparisonError'],
          nowText,
        ),
      },
      removeAnnotations: parts.removeAnnotations,
    },
    ctx.signal,
  );
}
