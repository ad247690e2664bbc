import type { Clock } from '../../clock/index.ts';
import type { KubeObject } from '../../kube/object.ts';
import type { ClusterClient } from '../../reconciler/cluster/index.ts';
import { SeedError } from './errors.ts';
import { FIELD_MANAGER } from './kube.ts';

const POLL_MS = 1000;

/**
 * The operator's first approval: a manual-sync Application (production) deploys nothing until someone syncs it, so
 * the seeder syncs each one once — as `argocd app sync` does, by writing `operation` — once the root Application
 * has created it. Apps that already ran an operation (a re-seed of a kept state dir) are left alone.
 */
export async function syncOnce(
  client: ClusterClient,
  app: { name: string; namespace: string },
  options: { clock: Clock; timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<void> {
  const { clock, signal } = options;
  const ref = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: app.namespace, name: app.name };
  const deadline = clock.now() + options.timeoutMs;
  let live: KubeObject | undefined = await client.get(ref, signal);
  while (!live) {
    if (clock.now() >= deadline) {
      throw new SeedError(
        'WorldNotReady',
        `Application ${app.namespace}/${app.name} was not created by the root Application within ${options.timeoutMs / 1000} s; see \`gitops-sandbox app get root\``,
      );
    }
    await clock.sleep(POLL_MS, signal);
    live = await client.get(ref, signal);
  }
  const status = (live as { status?: { operationState?: unknown } }).status;
  if ((live as { operation?: unknown }).operation || status?.operationState) return;
  const syncOptions = (live as { spec?: { syncPolicy?: { syncOptions?: string[] } } }).spec?.syncPolicy?.syncOptions;
  await client.mergePatch(
    ref,
    {
      operation: {
        sync: { prune: false, ...(syncOptions?.length ? { syncOptions } : {}) },
        initiatedBy: { username: FIELD_MANAGER },
      },
    },
    {},
    signal,
  );
}
