import { messageOf } from '../../../errors.ts';
import type { KubeObject } from '../../../kube/object.ts';
import { createSyncTask, type SyncTask } from '../plan/index.ts';
import type { EngineContext } from './engine-task.ts';

export type NamespaceTaskResult = { task: SyncTask } | { failed: SyncTask; message: string } | undefined;

/**
 * CreateNamespace=true (gitops-engine `autoCreateNamespace` with Argo CD's namespace modifier, controller/sync.go):
 * a PreSync task for the destination namespace unless a target already is that Namespace — when it is missing, or
 * when it exists and `managedNamespaceMetadata` would change its labels or annotations. A failed look-up becomes a
 * failed task "Namespace auto creation failed: …".
 */
export async function namespaceTask(
  ctx: EngineContext,
  namespace: string,
  targets: readonly KubeObject[],
): Promise<NamespaceTaskResult> {
  if (!ctx.options.syncOptions.createNamespace || namespace === '') return undefined;
  if (targets.some((t) => t.apiVersion === 'v1' && t.kind === 'Namespace' && t.metadata.name === namespace))
    return undefined;
  const metadata = ctx.options.managedNamespaceMetadata;
  const target: KubeObject = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: namespace,
      ...(metadata?.labels ? { labels: metadata.labels } : {}),
      ...(metadata?.annotations ? { annotations: metadata.annotations } : {}),
    },
  };
  let live: KubeObject | undefined;
  try {
    live = await ctx.client.get({ apiVersion: 'v1', kind: 'Namespace', name: namespace }, ctx.signal);
  } catch (error) {
    ctx.signal.throwIfAborted();
    return {
      failed: createSyncTask({ phase: 'PreSync', target }),
      message: `Namespace auto creation failed: ${messageOf(error)}`,
    };
  }
  if (live && !changesMetadata(live, metadata)) return undefined;
  return { task: createSyncTask({ phase: 'PreSync', target, ...(live ? { live } : {}) }) };
}

function changesMetadata(live: KubeObject, metadata: EngineContext['options']['managedNamespaceMetadata']): boolean {
  const differs = (want: Record<string, string> | undefined, have: Record<string, string> | undefined) =>
    Object.entries(want ?? {}).some(([k, v]) => have?.[k] !== v);
  return differs(metadata?.labels, live.metadata.labels) || differs(metadata?.annotations, live.metadata.annotations);
}
