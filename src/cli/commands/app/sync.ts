import { getApp } from './applications.ts';
import type { AppContext } from './context.ts';
import { AppCliError, EXIT_FATAL } from './errors.ts';
import { isAutomated, primarySource } from './format/app-summary.ts';
import { effectiveSyncOptions, type SyncRequest, startOperation } from './operation.ts';
import type { OutputFormat } from './output.ts';
import { parseResourceSelectors, selectedResources } from './resource-filter.ts';
import { waitOnApplicationStatus } from './watch.ts';

export interface SyncOptions {
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  async?: boolean;
  /** Simulated seconds; 0 waits for ever. */
  timeoutSeconds: number;
  output: OutputFormat;
  resource?: string[];
  replace?: boolean;
  serverSide?: boolean;
  applyOutOfSyncOnly?: boolean;
}

/**
 * `app sync NAME`: writes the sync operation, then follows it as argocd does (streamed resource rows, summary,
 * operation result, resources). A phase other than Succeeded exits 1 "Operation has completed with phase: X".
 */
export async function runSync(ctx: AppContext, name: string, options: SyncOptions): Promise<number> {
  const app = await getApp(ctx, name);
  const selectors = parseResourceSelectors(options.resource ?? []);
  const resources = selectedResources(app, selectors);
  if (selectors.length > 0 && resources.length === 0) {
    throw new AppCliError(
      'BadInput',
      `No matching app resources found for resource filter: ${options.resource!.join(', ')} (application ${name}; ` +
        'see its resources with `gitops-sandbox app get`)',
      { exitCode: EXIT_FATAL },
    );
  }
  const target = primarySource(app).targetRevision ?? '';
  if (isAutomated(app) && options.revision && options.revision !== target) {
    throw new AppCliError(
      'BadInput',
      `Cannot sync to ${options.revision}: auto-sync currently set to ${target} (application ${name}); change ` +
        'spec.source.targetRevision or turn automated sync off',
    );
  }
  const requested = [
    ...(options.replace ? ['Replace=true'] : []),
    ...(options.serverSide ? ['ServerSideApply=true'] : []),
    ...(options.applyOutOfSyncOnly ? ['ApplyOutOfSyncOnly=true'] : []),
  ];
  const syncOptions = effectiveSyncOptions(app, requested);
  const sync: SyncRequest = {
    ...(options.revision ? { revision: options.revision } : {}),
    prune: options.prune ?? false,
    dryRun: options.dryRun ?? false,
    syncStrategy: { hook: {} },
    ...(resources.length > 0 ? { resources } : {}),
    ...(syncOptions ? { syncOptions } : {}),
  };
  await startOperation(ctx, app, sync);
  if (options.async) return 0;

  const { app: final, operationState } = await waitOnApplicationStatus(ctx, {
    name,
    watch: { operation: true },
    timeoutSeconds: options.timeoutSeconds,
    output: options.output,
  });
  if (options.dryRun) return 0;
  if (operationState?.phase !== 'Succeeded') {
    throw new AppCliError('OperationFailed', `Operation has completed with phase: ${operationState?.phase ?? ''}`, {
      exitCode: EXIT_FATAL,
    });
  }
  if (resources.length === 0 && final.status?.sync?.status !== 'Synced') {
    const pruning = (operationState.syncResult?.resources ?? []).filter((r) => r.status === 'PruneSkipped').length;
    if (pruning > 0) {
      throw new AppCliError('PruningRequired', `${pruning} resources require pruning`, { exitCode: EXIT_FATAL });
    }
  }
  return 0;
}
