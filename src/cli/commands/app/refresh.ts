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
 * sets for `app get --refresh`) and waits until the reconciler has taken it: the annotation is gone, removed by the
 * same write that records the refresh (argo-cd server/application.go `Get` waits for exactly that). Waiting for
 * status.reconciledAt to move instead would hang whenever the refresh lands in the same second as the reconcile
 * before it, since reconciledAt has second precision.
 */
export async function refreshApp(ctx: AppContext, name: string, options: RefreshOptions): Promise<Application> {
  await getApp(ctx, name);
  await patchApp(ctx, name, { metadata: { annotations: { [REFRESH_ANNOTATION]: options.hard ? 'hard' : 'normal' } } });
  const deadline = ctx.clock.now() + options.timeoutSeconds * 1000;
  for (;;) {
    const app = await getApp(ctx, name);
    if (app.metadata.annotations?.[REFRESH_ANNOTATION] === undefined) return app;
    const remaining = deadline - ctx.clock.now();
    if (remaining <= 0) {
      throw new AppCliError(
        'TimedOut',
        `application ${name} was not refreshed within ${options.timeoutSeconds}s: the reconciler did not take the ` +
          `${REFRESH_ANNOTATION} annotation; is the sandbox's reconciler running? (\`gitops-sandbox up\` starts it)`,
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
