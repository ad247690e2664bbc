import type { Clock } from '../clock/index.ts';
import type { Application } from '../reconciler/application/index.ts';
import { IMAGE_LIST } from './annotations/keys.ts';
import type { UpdateCycleResult } from './options.ts';
import { type AppContext, updateApplication } from './update-app.ts';

/**
 * One polling cycle: every Application in the namespace that carries an image-list, at most `concurrency` at a
 * time, with one tag listing per repository shared by all of them.
 */
export async function runCycle(
  context: Omit<AppContext, 'cache'> & { namespace: string; concurrency: number; clock: Clock },
): Promise<UpdateCycleResult> {
  const startedAt = context.clock.now();
  const { items } = await context.client.list<Application>('argoproj.io/v1alpha1', 'Application', {
    namespace: context.namespace,
    ...(context.signal ? { signal: context.signal } : {}),
  });
  const apps = items.filter((app) => app.metadata.annotations?.[IMAGE_LIST]);
  const result: UpdateCycleResult = {
    startedAt,
    durationMs: 0,
    applicationsProcessed: 0,
    imagesConsidered: 0,
    imagesUpdated: 0,
    imagesSkipped: 0,
    errors: 0,
    updates: [],
  };
  context.log('info', 'starting image update cycle', { applications: apps.length, namespace: context.namespace });
  const appContext: AppContext = { ...context, cache: { tags: new Map(), created: new Map() } };
  let next = 0;
  const worker = async () => {
    while (next < apps.length) {
      const app = apps[next++]!;
      const outcome = await updateApplication(appContext, app);
      result.applicationsProcessed++;
      result.imagesConsidered += outcome.considered;
      result.imagesSkipped += outcome.skipped;
      result.errors += outcome.errors;
      if (outcome.update) {
        result.updates.push(outcome.update);
        result.imagesUpdated += outcome.update.images.length;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(context.concurrency, apps.length)) }, worker));
  result.durationMs = context.clock.now() - startedAt;
  context.log('info', 'image update cycle finished', {
    applications: result.applicationsProcessed,
    considered: result.imagesConsidered,
    updated: result.imagesUpdated,
    skipped: result.imagesSkipped,
    errors: result.errors,
    durationMs: Math.round(result.durationMs),
  });
  return result;
}
