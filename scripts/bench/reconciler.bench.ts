import type { Bench, BenchFigure } from './report.ts';
import { measureDrift } from './support/drift-latency.ts';
import { measureFleet } from './support/fleet-refresh.ts';
import { startGitopsWorld } from './support/gitops-world.ts';
import { measurePushes } from './support/push-latency.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The reconciler in the whole embedded sandbox at speed 1 (every figure is real time), each figure beside the
 * minimum the same work needs with the real git and kubectl binaries against the same API server:
 * (a) push → Synced via the webhook for a 20-resource app; (b) drift → healed by selfHeal; (c) a fleet of
 * 10-resource apps: first sync, one full refresh cycle, and memory.
 */
const bench: Bench = {
  title: 'Reconciler: push → Synced, drift → healed, fleet refresh (embedded sandbox, speed 1)',
  async run({ quick }) {
    const pushes = quick ? 2 : 5;
    const fleet = quick ? 100 : 1_000;
    // 110 pods per node: one worker per 100 fleet Deployments, plus room for the push and drift apps.
    await using world = await startGitopsWorld({ nodes: 2 + Math.ceil(fleet / 100) });

    const push = await measurePushes(world, pushes);
    const drift = await measureDrift(world, pushes);
    const fleetResult = await measureFleet(world, fleet);

    const minimum = push.map((s) => s.fetch + s.checkout + s.apply);
    const figures: BenchFigure[] = [
      {
        name: `push → Synced, 20 resources (median of ${pushes})`,
        value: median(push.map((s) => s.reconciler)),
        unit: 'ms',
        lowerIsBetter: true,
        baseline: { name: 'git fetch + checkout + kubectl apply --server-side', value: median(minimum) },
      },
      { name: '  minimum: git fetch into a mirror', value: median(push.map((s) => s.fetch)), unit: 'ms' },
      { name: '  minimum: read-tree -u of the commit', value: median(push.map((s) => s.checkout)), unit: 'ms' },
      { name: '  minimum: kubectl apply --server-side -f dir', value: median(push.map((s) => s.apply)), unit: 'ms' },
      {
        name: `drift → healed, kubectl scale (median of ${drift.length})`,
        value: median(drift.map((s) => s.reconciler)),
        unit: 'ms',
        lowerIsBetter: true,
        baseline: { name: 'one kubectl apply --server-side', value: median(drift.map((s) => s.apply)) },
      },
      {
        name: `${fleetResult.apps} apps × 10 resources: create → all Synced`,
        value: fleetResult.firstSync / 1000,
        unit: 's',
        lowerIsBetter: true,
      },
      {
        name: `${fleetResult.apps} apps: full refresh cycle`,
        value: fleetResult.refreshCycle / 1000,
        unit: 's',
        lowerIsBetter: true,
      },
      {
        name: `${fleetResult.apps} apps: refreshes per second`,
        value: fleetResult.apps / (fleetResult.refreshCycle / 1000),
        unit: 'apps/s',
      },
      { name: 'process RSS, all apps loaded (idle)', value: fleetResult.rss / 1e6, unit: 'MB', lowerIsBetter: true },
      { name: '  growth over the sandbox before the fleet', value: fleetResult.rssGrowth / 1e6, unit: 'MB' },
      { name: '  peak during the refresh cycle', value: fleetResult.rssPeak / 1e6, unit: 'MB' },
    ];
    return figures;
  },
};

export default bench;
