import type { Clock } from '../../clock/index.ts';
import type { ClusterClient } from '../../reconciler/cluster/index.ts';
import { SeedError } from './errors.ts';
import { clusterClient } from './kube.ts';

const POLL_MS = 1000;

interface AppStatus {
  sync?: { status?: string; revision?: string };
  health?: { status?: string; message?: string };
  conditions?: { type?: string; message?: string }[];
  operationState?: { phase?: string; message?: string };
}

export interface WaitForWorldOptions {
  clock: Clock;
  /** Simulated milliseconds (the sandbox clock's), default 300 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Namespace of the Applications named by string (default argocd). */
  namespace?: string;
}

/**
 * Resolves once every Application is Synced and Healthy with no operation running. On timeout, throws a
 * SeedError `WorldNotReady` that lists each app's sync and health status, conditions and operation message.
 */
export async function waitForWorld(
  kubeconfigPath: string,
  apps: readonly (string | { name: string; namespace?: string })[],
  options: WaitForWorldOptions,
): Promise<void> {
  const { clock, signal } = options;
  const client = clusterClient(kubeconfigPath);
  const refs = apps.map((app) =>
    typeof app === 'string'
      ? { name: app, namespace: options.namespace ?? 'argocd' }
      : { name: app.name, namespace: app.namespace ?? options.namespace ?? 'argocd' },
  );
  const timeoutMs = options.timeoutMs ?? 300_000;
  const deadline = clock.now() + timeoutMs;
  for (;;) {
    const statuses = await Promise.all(refs.map((ref) => statusOf(client, ref, signal)));
    if (statuses.every(ready)) return;
    if (clock.now() >= deadline) {
      const lines = refs.map((ref, i) => `  ${ref.namespace}/${ref.name}: ${describe(statuses[i])}`);
      throw new SeedError(
        'WorldNotReady',
        `the example world's apps were not all Synced and Healthy within ${timeoutMs / 1000} s:\n${lines.join('\n')}\n` +
          'Inspect one with `gitops-sandbox app get <name>` or the reconciler.log in the state dir.',
      );
    }
    await clock.sleep(POLL_MS, signal);
  }
}

async function statusOf(
  client: ClusterClient,
  ref: { name: string; namespace: string },
  signal: AbortSignal | undefined,
): Promise<AppStatus | undefined> {
  const app = await client.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', ...ref }, signal);
  return app ? (((app as { status?: AppStatus }).status ?? {}) as AppStatus) : undefined;
}

function ready(status: AppStatus | undefined): boolean {
  return (
    status?.sync?.status === 'Synced' &&
    status.health?.status === 'Healthy' &&
    status.operationState?.phase !== 'Running'
  );
}

/** One line per app: what is not done yet, in the words `argocd app get` uses. */
export function describe(status: AppStatus | undefined): string {
  if (!status) return 'not found (the root Application has not created it)';
  const parts = [`sync ${status.sync?.status ?? 'Unknown'}`, `health ${status.health?.status ?? 'Unknown'}`];
  if (status.health?.message) parts[1] += ` (${status.health.message})`;
  for (const c of status.conditions ?? []) parts.push(`${c.type}: ${c.message}`);
  const op = status.operationState;
  if (op) parts.push(`operation ${op.phase ?? 'Unknown'}${op.message ? `: ${op.message}` : ''}`);
  return parts.join('; ');
}
