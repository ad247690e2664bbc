import type { Application, ApplicationSource, SyncOperation } from '../../../reconciler/application/index.ts';
import { patchApp } from './applications.ts';
import type { AppContext } from './context.ts';
import { AppCliError } from './errors.ts';
import { isAutomated } from './format/app-summary.ts';

/** A sync operation; rollbacks also name the history entry's source(s), as Argo CD's Rollback writes them. */
export interface SyncRequest extends SyncOperation {
  source?: ApplicationSource;
  sources?: ApplicationSource[];
}

/**
 * Writes `operation` on the Application (a merge patch), which is how Argo CD's API server starts a sync: the
 * controller picks it up, clears it and reports progress in status.operationState. Refused while one is pending.
 */
export async function startOperation(ctx: AppContext, app: Application, sync: SyncRequest): Promise<void> {
  if (app.operation) {
    throw new AppCliError(
      'OperationInProgress',
      `another operation is already in progress on application ${app.metadata.name}; wait for it with ` +
        `\`gitops-sandbox app wait ${app.metadata.name} --operation\``,
    );
  }
  await patchApp(ctx, app.metadata.name!, { operation: { sync, initiatedBy: { username: ctx.username } } });
}

/** The app's own sync options apply unless the request names some (Argo CD's Sync handler). */
export function effectiveSyncOptions(app: Application, requested: string[]): string[] | undefined {
  if (requested.length > 0) return requested;
  const own = app.spec.syncPolicy?.syncOptions;
  return own && own.length > 0 ? own : undefined;
}

export function refuseRollbackWhenAutomated(app: Application): void {
  if (isAutomated(app)) {
    throw new AppCliError(
      'AutoSyncEnabled',
      `rollback cannot be initiated when auto-sync is enabled (application ${app.metadata.name}); turn automated ` +
        'sync off in spec.syncPolicy first',
    );
  }
}
