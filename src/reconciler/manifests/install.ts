import { type Clock, ScaledClock } from '../../clock/index.ts';
import { messageOf } from '../../errors.ts';
import type { KubeObject } from '../../kube/object.ts';
import type { ClusterClient } from '../cluster/index.ts';
import { ReconcilerManifestsError } from './errors.ts';
import { type LoadManifestsOptions, loadReconcilerManifests } from './load.ts';

export const INSTALL_FIELD_MANAGER = 'gitops-sandbox-install';

export interface InstallOptions extends LoadManifestsOptions {
  /** For the Established wait (default: the wall clock). */
  clock?: Clock;
  /** How long to wait for each CRD to be Established (simulated ms; default 60 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const CRD = 'CustomResourceDefinition';

/**
 * Applies sandbox/reconciler/ with server-side apply (field manager `gitops-sandbox-install`, forced, so re-running
 * it after an upgrade takes the fields back): the namespace and CRDs first, then — once every CRD is Established, so
 * the API server serves the kinds — the default AppProject and RBAC (and the Deployment when `inCluster`).
 * Idempotent. Returns the applied objects.
 */
export async function installReconcilerManifests(
  client: ClusterClient,
  options: InstallOptions = {},
): Promise<KubeObject[]> {
  const clock = options.clock ?? new ScaledClock();
  const objects = await loadReconcilerManifests(options);
  const first = objects.filter((o) => o.kind === CRD || o.kind === 'Namespace');
  const rest = objects.filter((o) => o.kind !== CRD && o.kind !== 'Namespace');
  const applied: KubeObject[] = [];
  for (const object of first) applied.push(await apply(client, object, options.signal));
  for (const crd of first.filter((o) => o.kind === CRD)) {
    await waitEstablished(client, crd.metadata.name!, { ...options, clock });
  }
  client.discovery.invalidate();
  for (const object of rest) applied.push(await apply(client, object, options.signal));
  return applied;
}

async function apply(client: ClusterClient, object: KubeObject, signal?: AbortSignal): Promise<KubeObject> {
  try {
    return await client.apply(object, { fieldManager: INSTALL_FIELD_MANAGER, force: true }, signal);
  } catch (error) {
    const where = `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
    throw new ReconcilerManifestsError(
      'MANIFESTS_APPLY_FAILED',
      `installing the reconciler: applying ${where} failed: ${messageOf(error)}`,
      { cause: error },
    );
  }
}

/** Polls the CRD until its Established condition is True (as `kubectl wait --for=condition=Established`). */
async function waitEstablished(
  client: ClusterClient,
  name: string,
  options: InstallOptions & { clock: Clock },
): Promise<void> {
  const deadline = options.clock.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const crd = await client.get<KubeObject & { status?: { conditions?: { type: string; status: string }[] } }>(
      { apiVersion: 'apiextensions.k8s.io/v1', kind: CRD, name },
      options.signal,
    );
    if (crd?.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')) return;
    if (options.clock.now() >= deadline) {
      throw new ReconcilerManifestsError(
        'CRD_NOT_ESTABLISHED',
        `CustomResourceDefinition ${name} was not Established within ${Math.round((options.timeoutMs ?? 60_000) / 1000)} s; check \`kubectl describe crd ${name}\``,
      );
    }
    await options.clock.sleep(100, options.signal);
  }
}
