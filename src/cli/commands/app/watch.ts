import type { Application, ApplicationStatus } from '../../../reconciler/application/index.ts';
import { getApp } from './applications.ts';
import type { AppContext } from './context.ts';
import { AppCliError } from './errors.ts';
import { operationResult, summaryTable } from './format/app-summary.ts';
import {
  type ResourceState,
  resourceStates,
  resourcesTable,
  STREAM_HEADER,
  stateKey,
  streamFlush,
  streamItems,
} from './format/resource-states.ts';
import { type OutputFormat, printable } from './output.ts';

type OperationState = NonNullable<ApplicationStatus['operationState']>;

/** What to wait for (argocd's watchOpts); none set means sync + health + operation. */
export interface WatchOptions {
  sync?: boolean;
  health?: boolean;
  operation?: boolean;
  suspended?: boolean;
  degraded?: boolean;
}

export interface WaitOnStatusOptions {
  name: string;
  watch: WatchOptions;
  /** Simulated seconds; 0 waits for ever, as argocd's default. */
  timeoutSeconds: number;
  output: OutputFormat;
  signal?: AbortSignal;
}

export interface WaitResult {
  app: Application;
  /** The operation state seen when the conditions were met (argocd issue #5592). */
  operationState: OperationState | undefined;
}

/**
 * argocd's waitOnApplicationStatus, reading the Application every pollIntervalMs instead of watching it: streams
 * resource rows whose state changed, and when the conditions hold prints the summary, the operation result and the
 * resources. Times out with argocd's messages; fails when a resource turns Degraded while waiting for health.
 */
export async function waitOnApplicationStatus(ctx: AppContext, options: WaitOnStatusOptions): Promise<WaitResult> {
  const { watch } = options;
  const printSummary = options.output === 'wide';
  const deadline = options.timeoutSeconds > 0 ? ctx.clock.now() + options.timeoutSeconds * 1000 : Infinity;
  const previous = new Map<string, ResourceState>();
  let headerPending = printSummary;

  const printFinal = (app: Application) => {
    if (printSummary) {
      ctx.stdout.write(`\n${summaryTable(app)}\n`);
      if (watch.operation) ctx.stdout.write(operationResult(app.status?.operationState, ctx.clock.now()));
      if ((app.status?.resources?.length ?? 0) > 0) ctx.stdout.write(`\n${resourcesTable(app)}`);
    } else {
      ctx.stdout.write(printable(app, options.output as 'json' | 'yaml'));
    }
  };

  for (;;) {
    const app = await getApp(ctx, options.name, options.signal);
    const operationState = app.status?.operationState;
    const ready = statusMatches(watch, app.status?.health?.status ?? '', app.status?.sync?.status ?? '', app);
    if (ready && (!operationInProgress(app) || !watch.operation)) {
      printFinal(app);
      return { app, operationState };
    }

    const lines: string[][] = [];
    for (const state of groupStates(app)) {
      const key = stateKey(state);
      const before = previous.get(key);
      let changed: boolean;
      if (before) {
        if (
          watch.health &&
          before.health !== 'Unknown' &&
          before.health !== 'Degraded' &&
          state.health === 'Degraded'
        ) {
          printFinal(app);
          throw new AppCliError(
            'HealthDegraded',
            `application '${options.name}' health state has transitioned from ${before.health} to ${state.health}`,
          );
        }
        changed = merge(before, state);
      } else {
        previous.set(key, state);
        changed = true;
      }
      if (changed && printSummary) lines.push(streamItems(previous.get(key)!, ctx.clock.now()));
    }
    if (printSummary && (lines.length > 0 || headerPending)) {
      ctx.stdout.write(streamFlush(headerPending ? [STREAM_HEADER, ...lines] : lines));
      headerPending = false;
    }

    const remaining = deadline - ctx.clock.now();
    if (remaining <= 0) {
      const last = await getApp(ctx, options.name, options.signal);
      if (printSummary) ctx.stdout.write('\nThis is the state of the app after `wait` timed out:\n');
      printFinal(last);
      if (printSummary) ctx.stdout.write('\nThe command timed out waiting for the conditions to be met.\n');
      throw new AppCliError(
        'TimedOut',
        `timed out (${options.timeoutSeconds}s) waiting for app ${JSON.stringify(options.name)} match desired state`,
      );
    }
    await ctx.clock.sleep(Math.min(remaining, ctx.pollIntervalMs * ctx.clock.speed), options.signal);
  }
}

/** No watch flag given means sync + health + operation (getWatchOpts). */
export function defaultWatch(watch: WatchOptions): WatchOptions {
  const any = watch.sync || watch.health || watch.operation || watch.suspended || watch.degraded;
  return any ? watch : { sync: true, health: true, operation: true };
}

/**
 * An operation counts as in progress while it is requested, running, or finished but not yet followed by a
 * reconciliation (reconciledAt before finishedAt), so the sync status printed afterwards is fresh.
 */
function operationInProgress(app: Application): boolean {
  if (app.operation) return true;
  const state = app.status?.operationState;
  if (!state) return false;
  if (!state.finishedAt) return true;
  if (state.operation?.sync?.dryRun) return false;
  const reconciledAt = app.status?.reconciledAt;
  return !reconciledAt || Date.parse(reconciledAt) < Date.parse(state.finishedAt);
}

/** checkResourceStatus: the health alternatives argocd accepts for each combination of flags. */
function statusMatches(watch: WatchOptions, health: string, sync: string, app: Application): boolean {
  let healthy = true;
  const accept = (...codes: string[]) => codes.includes(health);
  if (watch.suspended && watch.health && watch.degraded) healthy = accept('Healthy', 'Suspended', 'Degraded');
  else if (watch.suspended && watch.degraded) healthy = accept('Degraded', 'Suspended');
  else if (watch.degraded && watch.health) healthy = accept('Healthy', 'Degraded');
  else if (watch.suspended && watch.health) healthy = accept('Healthy', 'Suspended');
  else if (watch.suspended) healthy = accept('Suspended');
  else if (watch.health) healthy = accept('Healthy');
  else if (watch.degraded) healthy = accept('Degraded');
  const synced = !watch.sync || sync === 'Synced';
  const operational = !watch.operation || !app.operation;
  return synced && healthy && operational;
}

/** groupResourceStates: one state per key, later rows merged into the first. */
function groupStates(app: Application): ResourceState[] {
  const grouped = new Map<string, ResourceState>();
  for (const state of resourceStates(app)) {
    const key = stateKey(state);
    const existing = grouped.get(key);
    if (existing) merge(existing, state);
    else grouped.set(key, state);
  }
  return [...grouped.values()];
}

/** resourceState.Merge: non-blank new values replace old ones; blank ones never erase. */
function merge(into: ResourceState, from: ResourceState): boolean {
  let updated = false;
  for (const field of ['status', 'health', 'hook', 'message'] as const) {
    if (from[field] !== '' && into[field] !== from[field]) {
      into[field] = from[field];
      updated = true;
    }
  }
  return updated;
}
