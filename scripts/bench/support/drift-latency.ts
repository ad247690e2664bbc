import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeObject } from '../../../src/kube/object.ts';
import type { GitopsWorld } from './gitops-world.ts';
import { deployment } from './manifests.ts';
import { BASELINE_NAMESPACE, syncedAt, WEB_PATH } from './push-latency.ts';
import { waitFor } from './watch.ts';

/** The Deployment drifted: replicas 1 in git (webApp), scaled to 3 by hand. */
const DRIFTED = 'web-3';

export interface DriftSample {
  /** The scale committed in the store → replicas back at the git value (ms). */
  reconciler: number;
  /** One `kubectl apply --server-side` of the Deployment over the same drift (ms). */
  apply: number;
}

/**
 * (b) `apps` Applications with selfHeal over the 20-resource directory, one per namespace. Each is drifted once:
 * Argo CD's self-heal back-off (0 s, then 2 s, 6 s, … per app) makes only an app's first heal immediate, and that
 * is the latency worth knowing — later ones measure the back-off policy, not the reconciler.
 */
export async function measureDrift(world: GitopsWorld, apps: number): Promise<DriftSample[]> {
  const { sandbox } = world;
  const api = sandbox.apiServer.api;
  const sha = (await world.git(['ls-remote', world.authURL, 'refs/heads/main'])).split('\t')[0]!;
  const names = Array.from({ length: apps }, (_, i) => `heal-${i}`);
  const synced = names.map((name) => {
    const isSynced = syncedAt(sha);
    return waitFor(api, 'argoproj.io/v1alpha1', 'Application', (o) => o.metadata.name === name && isSynced(o), {
      timeoutMs: 120_000,
      what: `${name} synced`,
    });
  });
  for (const name of names) {
    world.createApp(name, {
      source: { repoURL: world.repoURL, targetRevision: 'main', path: WEB_PATH },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    });
  }
  await Promise.all(synced.map((w) => w.at));
  await sandbox.appController.idle();

  const manifest = join(world.dir, 'drifted.yaml');
  await writeFile(manifest, deployment(DRIFTED, 1));
  const samples: DriftSample[] = [];
  for (const name of names) {
    let driftedAt: number | undefined;
    const healed = waitFor(
      api,
      'apps/v1',
      'Deployment',
      (o) => {
        if (o.metadata.namespace !== name || o.metadata.name !== DRIFTED) return false;
        const replicas = replicasOf(o);
        if (replicas === 3 && driftedAt === undefined) driftedAt = performance.now();
        return driftedAt !== undefined && replicas === 1;
      },
      { timeoutMs: 60_000, what: `${name}/${DRIFTED} healed` },
    );
    await world.kubectl(['scale', 'deployment', DRIFTED, '-n', name, '--replicas=3']);
    const healedAt = await healed.at;
    await sandbox.appController.idle();

    // The minimum a healer must do: the same drift on the baseline's copy, undone by one server-side apply.
    await world.kubectl(['scale', 'deployment', DRIFTED, '-n', BASELINE_NAMESPACE, '--replicas=3']);
    const t0 = performance.now();
    await world.kubectl([
      'apply',
      '--server-side',
      '--force-conflicts',
      '--field-manager=bench-baseline',
      '-n',
      BASELINE_NAMESPACE,
      '-f',
      manifest,
    ]);
    samples.push({ reconciler: healedAt - driftedAt!, apply: performance.now() - t0 });
  }
  return samples;
}

function replicasOf(object: KubeObject): number | undefined {
  return (object['spec'] as { replicas?: number } | undefined)?.replicas;
}
