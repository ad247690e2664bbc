import { applicationRef, explain, findApp, getApp, patchApp, RESOURCES_FINALIZER } from './applications.ts';
import type { AppContext } from './context.ts';
import { AppCliError } from './errors.ts';

export interface DeleteOptions {
  /** argocd's default: delete the app's resources too (through the resources finalizer). */
  cascade: boolean;
  wait?: boolean;
  timeoutSeconds?: number;
}

/**
 * `app delete NAME`: as Argo CD's API server, cascade adds `resources-finalizer.argocd.argoproj.io` (the reconciler
 * deletes the app's resources, then drops the finalizer); --cascade=false removes it so only the Application goes.
 */
export async function runDelete(ctx: AppContext, name: string, options: DeleteOptions): Promise<number> {
  const app = await getApp(ctx, name);
  const finalizers = app.metadata.finalizers ?? [];
  const has = finalizers.includes(RESOURCES_FINALIZER);
  if (options.cascade && !has) {
    await patchApp(ctx, name, { metadata: { finalizers: [...finalizers, RESOURCES_FINALIZER] } });
  } else if (!options.cascade && has) {
    await patchApp(ctx, name, { metadata: { finalizers: finalizers.filter((f) => f !== RESOURCES_FINALIZER) } });
  }
  await explain(ctx, () => ctx.client.delete(applicationRef(ctx, name)));
  if (options.wait) {
    const timeout = options.timeoutSeconds ?? 0;
    const deadline = timeout > 0 ? ctx.clock.now() + timeout * 1000 : Infinity;
    while (await findApp(ctx, name)) {
      const remaining = deadline - ctx.clock.now();
      if (remaining <= 0) {
        throw new AppCliError(
          'TimedOut',
          `application ${name} still exists after ${timeout}s: with --cascade the reconciler must delete its ` +
            `resources first; see \`gitops-sandbox app get ${name}\``,
        );
      }
      await ctx.clock.sleep(Math.min(remaining, ctx.pollIntervalMs * ctx.clock.speed));
    }
  }
  ctx.stdout.write(`application '${name}' deleted\n`);
  return 0;
}
