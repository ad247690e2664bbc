import type { Application } from '../../../reconciler/application/index.ts';
import { getApp, patchApp, REFRESH_ANNOTATION } from './applications.ts';
import type { AppContext } from './context.ts';
import { AppCliError } from './errors.ts';

export interface RefreshOptions {
  hard?: boolean;
  /** Simulated seconds to wait for the reconciler to answer. */
  timeoutSeconds: number;
}

/**
 * Asks the reconciler to refresh (annotation `argocd.argoproj.io/refresh: normal|hard`, what Argo CD's API server
 * sets for `app get --refresh`) and waits until status.reconciledAt moves, so what is printed next is fresh.
 */
export async function refreshApp(ctx: AppContext, name: string, options: RefreshOptions): Promise<Application> {
  const before = await getApp(ctx, name);
  const reconciledBefore = before.status?.reconciledAt;
  await patchApp(ctx, name, { metadata: { annotations: { [REFRESH_ANNOTATION]: options.hard ? 'hard' : 'normal' } } });
  const deadline = ctx.clock.now() + options.timeoutSeconds * 1000;
  for (;;) {
    const app = await getApp(ctx, name);
    const reconciledAt = app.status?.reconciledAt;
    if (reconciledAt && reconciledAt !== reconciledBefore) return app;
    const remaining = deadline - ctx.clock.now();
    if (remaining <= 0) {
      throw new AppCliError(
        'TimedOut',
        `application ${name} was not refreshed within ${options.timeoutSeconds}s: status.reconciledAt did not move ` +
          `after setting ${REFRESH_ANNOTATION}; is the sandbox's reconciler running? (\`gitops-sandbox up\` starts it)`,
      );
    }
    await ctx.clock.sleep(Math.min(remaining, ctx.pollIntervalMs * ctx.clock.speed));
  }
}

/** `app refresh NAME [--hard]`. Argo CD has no such verb (it is `app get --refresh`); this prints one line. */
export async function runRefresh(ctx: AppContext, name: string, options: RefreshOptions): Promise<number> {
  await refreshApp(ctx, name, options);
  ctx.stdout.write(`application '${name}' refreshed${options.hard ? ' (hard)' : ''}\n`);
  return 0;
}
