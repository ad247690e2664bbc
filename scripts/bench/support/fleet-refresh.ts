import type { KubeObject } from '../../../src/kube/object.ts';
import type { Application } from '../../../src/reconciler/application/index.ts';
import type { GitopsWorld } from './gitops-world.ts';
import { fleetApp } from './manifests.ts';
import { syncedAt } from './push-latency.ts';
import { waitFor } from './watch.ts';

export interface FleetResult {
  apps: number;
  /** Applications created → every one Synced and its first sync Succeeded (ms). */
  firstSync: number;
  /** Every app refreshed at level `latest` → every reconciledAt moved and the controller idle (ms). */
  refreshCycle: number;
  /** Process RSS with all apps loaded and idle, and its growth over the sandbox before the fleet (bytes). */
  rss: number;
  rssGrowth: number;
  /** Highest RSS sampled during the refresh cycle (bytes). */
  rssPeak: number;
}

/**
 * (c) A monorepo of `apps` directories (fleet/app-NNNN, 10 resources each) and one Application per directory,
 * each into its own namespace — the shape of an ApplicationSet over a repo's directories. Every app has its own
 * render (no shared manifest-cache hit) and its own objects, as in a real fleet. The refresh cycle is what the
 * polling interval does to every app once per period: `refresh(name)` enqueues the same `latest` level.
 */
export async function measureFleet(world: GitopsWorld, apps: number): Promise<FleetResult> {
  const { sandbox } = world;
  const api = sandbox.apiServer.api;
  const names = Array.from({ length: apps }, (_, i) => `fleet-${String(i).padStart(4, '0')}`);
  const files: Record<string, string> = {};
  for (const name of names) Object.assign(files, fleetApp(`fleet/${name}`));
  const sha = await world.commit(files, `fleet: ${apps} apps`);
  await world.push();
  // The push's webhook refreshes the apps already on this repo; let that settle so it is not counted below.
  await sandbox.appController.idle();
  const rssBefore = process.memoryUsage().rss;

  const synced = waitForEvery(world, names, syncedAt(sha), 'synced', 600_000);
  const created = performance.now();
  for (const name of names) {
    world.createApp(name, {
      source: { repoURL: world.repoURL, targetRevision: 'main', path: `fleet/${name}` },
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true'] },
    });
  }
  const firstSync = (await synced) - created;
  await sandbox.appController.idle();
  const rss = process.memoryUsage().rss;

  // reconciledAt has second precision: start once the clock is past every stored value, so each must move.
  const before = new Map(
    api
      .list('argoproj.io/v1alpha1', 'Application', { namespace: sandbox.reconciler.namespace })
      .map((o) => [o.metadata.name!, reconciledAt(o)]),
  );
  const latest = Math.max(...names.map((n) => Date.parse(before.get(n) ?? '0') || 0));
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, latest + 1_000 - Date.now() + 50)));

  let rssPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);
  const moved = waitForEvery(
    world,
    names,
    (o) => reconciledAt(o) !== before.get(o.metadata.name!),
    'refreshed',
    600_000,
  );
  const started = performance.now();
  for (const name of names) sandbox.appController.refresh(name);
  await moved;
  await sandbox.appController.idle();
  const refreshCycle = performance.now() - started;
  clearInterval(sampler);
  return { apps, firstSync, refreshCycle, rss, rssGrowth: rss - rssBefore, rssPeak };
}

function reconciledAt(object: KubeObject): string | undefined {
  return (object as Application).status?.reconciledAt;
}

/** Resolves with the time the last of `names` satisfied `predicate` (each heard from the API server's watch). */
function waitForEvery(
  world: GitopsWorld,
  names: readonly string[],
  predicate: (object: KubeObject) => boolean,
  what: string,
  timeoutMs: number,
): Promise<number> {
  const missing = new Set(names);
  const waiter = waitFor(
    world.sandbox.apiServer.api,
    'argoproj.io/v1alpha1',
    'Application',
    (object) => {
      if (missing.has(object.metadata.name!) && predicate(object)) missing.delete(object.metadata.name!);
      return missing.size === 0;
    },
    { timeoutMs, what: () => `${names.length} apps ${what} (${missing.size} left)` },
  );
  return waiter.at;
}
