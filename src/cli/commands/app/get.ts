import { getApp } from './applications.ts';
import type { AppContext } from './context.ts';
import { conditionsTable, operationResult, summaryTable } from './format/app-summary.ts';
import { resourcesTable } from './format/resource-states.ts';
import { type OutputFormat, printable } from './output.ts';
import { refreshApp } from './refresh.ts';

export interface GetOptions {
  output: OutputFormat;
  refresh?: boolean;
  hardRefresh?: boolean;
  showOperation?: boolean;
  refreshTimeoutSeconds?: number;
}

/** `app get`: the summary block, conditions, the last operation (--show-operation) and the resources. */
export async function runGet(ctx: AppContext, name: string, options: GetOptions): Promise<number> {
  const app =
    options.refresh || options.hardRefresh
      ? await refreshApp(ctx, name, {
          ...(options.hardRefresh ? { hard: true } : {}),
          timeoutSeconds: options.refreshTimeoutSeconds ?? 60,
        })
      : await getApp(ctx, name);
  if (options.output !== 'wide') {
    ctx.stdout.write(printable(app, options.output));
    return 0;
  }
  let text = summaryTable(app);
  if ((app.status?.conditions?.length ?? 0) > 0) text += `\n${conditionsTable(app)}\n`;
  if (options.showOperation && app.status?.operationState) {
    text += `\n${operationResult(app.status.operationState, ctx.clock.now())}`;
  }
  if ((app.status?.resources?.length ?? 0) > 0) text += `\n${resourcesTable(app)}`;
  ctx.stdout.write(text);
  return 0;
}
