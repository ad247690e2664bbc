import type { Application } from '../../../reconciler/application/index.ts';
import { getApp } from './applications.ts';
import type { AppContext } from './context.ts';
import { AppCliError } from './errors.ts';
import { effectiveSyncOptions, refuseRollbackWhenAutomated, startOperation } from './operation.ts';
import type { OutputFormat } from './output.ts';
import { waitOnApplicationStatus } from './watch.ts';

export interface RollbackOptions {
  id?: string;
  prune?: boolean;
  timeoutSeconds: number;
  output: OutputFormat;
}

type HistoryEntry = NonNullable<NonNullable<Application['status']>['history']>[number];

/** findRevisionHistory: the given id, or the entry before the last one. */
export function findHistoryEntry(app: Application, id: number | undefined): HistoryEntry {
  const history = app.status?.history ?? [];
  const name = app.metadata.name;
  if (id === undefined) {
    if (history.length < 2) {
      throw new AppCliError(
        'NoHistory',
        `Application '${name}' should have at least two successful deployments (see \`gitops-sandbox app history ${name}\`)`,
      );
    }
    return history[history.length - 2]!;
  }
  const entry = history.find((h) => h.id === id);
  if (!entry) {
    throw new AppCliError(
      'NoHistory',
      `Application '${name}' does not have deployment id '${id}' in history (see \`gitops-sandbox app history ${name}\`)`,
    );
  }
  return entry;
}

/**
 * `app rollback NAME [ID]`: a sync to the history entry's revision and source, with the app's sync options and
 * the apply strategy, as Argo CD's Rollback writes it; refused while automated sync is on. Followed like `sync`,
 * but, as argocd, the exit code does not depend on the operation's phase.
 */
export async function runRollback(ctx: AppContext, name: string, options: RollbackOptions): Promise<number> {
  let id: number | undefined;
  if (options.id !== undefined) {
    if (!/^-?\d+$/.test(options.id)) {
      throw new AppCliError('BadInput', `history ID must be a number, got ${JSON.stringify(options.id)}`);
    }
    id = Number(options.id);
  }
  const app = await getApp(ctx, name);
  const entry = findHistoryEntry(app, id);
  refuseRollbackWhenAutomated(app);
  const syncOptions = effectiveSyncOptions(app, []);
  await startOperation(ctx, app, {
    ...(entry.revision ? { revision: entry.revision } : {}),
    ...(entry.revisions ? { revisions: entry.revisions } : {}),
    prune: options.prune ?? false,
    dryRun: false,
    syncStrategy: { apply: {} },
    ...(syncOptions ? { syncOptions } : {}),
    ...(entry.source ? { source: entry.source } : {}),
    ...(entry.sources ? { sources: entry.sources } : {}),
  });
  await waitOnApplicationStatus(ctx, {
    name,
    watch: { operation: true },
    timeoutSeconds: options.timeoutSeconds,
    output: options.output,
  });
  return 0;
}
