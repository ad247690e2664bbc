import { formatTime } from '../../clock/index.ts';
import { messageOf } from '../../errors.ts';
import { parseApiVersion } from '../../kube/object.ts';
import { setConditions } from './conditions.ts';
import type { AppRecord, ControllerContext } from './context.ts';

/** Cascade deletion finalizers (argo-cd common.ResourcesFinalizerName and its /foreground, /background forms). */
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
const FINALIZERS = [RESOURCES_FINALIZER, `${RESOURCES_FINALIZER}/foreground`, `${RESOURCES_FINALIZER}/background`];

/**
 * argo-cd `finalizeApplicationDeletion`: an Application being deleted with a resources finalizer has its managed
 * objects deleted (foreground propagation, background for `/background`), is looked at again until they are gone,
 * then loses the finalizer so the API server can remove it. A failure becomes a DeletionError condition and is
 * retried. Without the finalizer (`app delete --cascade=false`) nothing is deleted.
 */
export async function finalizeDeletion(ctx: ControllerContext, record: AppRecord): Promise<void> {
  const app = record.app;
  const finalizers = app.metadata.finalizers ?? [];
  const ours = finalizers.filter((f) => FINALIZERS.includes(f));
  if (ours.length === 0) return;
  record.run?.sync.terminate();
  record.run = undefined;
  const kinds = new Map<string, { apiVersion: string; kind: string }>();
  for (const r of app.status?.resources ?? []) {
    const apiVersion = r.group ? `${r.group}/${r.version}` : r.version;
    kinds.set(`${apiVersion} ${r.kind}`, { apiVersion, kind: r.kind });
  }
  try {
    await ctx.live.watch([...kinds.values()]);
    const remaining = ctx.live
      .managedObjects(record.instance)
      .filter((o) => !(parseApiVersion(o.apiVersion).group === 'argoproj.io' && o.kind === 'Application'));
    if (remaining.length > 0) {
      const policy = ours.some((f) => f.endsWith('/background')) ? 'Background' : 'Foreground';
      for (const object of remaining.filter((o) => !o.metadata.deletionTimestamp)) {
        await ctx.client.delete(
          {
            apiVersion: object.apiVersion,
            kind: object.kind,
            name: object.metadata.name!,
            ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
          },
          { propagationPolicy: policy },
          ctx.signal,
        );
      }
      ctx.log.info('deleting application resources', { application: record.name, remaining: remaining.length });
      ctx.enqueueAfter(record.name, 'operation', 1_000, 'recent');
      return;
    }
    record.app = await ctx.client.mergePatch(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        namespace: app.metadata.namespace!,
        name: app.metadata.name!,
      },
      { metadata: { finalizers: finalizers.filter((f) => !FINALIZERS.includes(f)) } },
      {},
      ctx.signal,
    );
    ctx.log.info('application resources deleted; finalizer removed', { application: record.name });
  } catch (error) {
    ctx.signal.throwIfAborted();
    const message = `error deleting application resources: ${messageOf(error)}`;
    ctx.log.warn(message, { application: record.name });
    const now = formatTime(ctx.clock.now());
    record.app = await ctx.writer.write(
      app,
      {
        status: {
          ...app.status,
          conditions: setConditions(
            app.status?.conditions,
            [{ type: 'DeletionError', message }],
            ['DeletionError'],
            now,
          ),
        },
      },
      ctx.signal,
    );
    ctx.enqueueAfter(record.name, 'operation', 5_000, 'recent');
  }
}
