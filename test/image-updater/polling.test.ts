import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import test, { type ExecutionContext } from 'ava';
import { ManualClock } from '../../src/clock/index.ts';
import { startImageUpdater, type UpdaterLogEntry } from '../../src/image-updater/index.ts';
import { kubeconfigFor } from '../../src/providers/state/state-files.ts';
import { ClusterClient } from '../../src/reconciler/cluster/index.ts';
import { installReconcilerManifests } from '../../src/reconciler/manifests/index.ts';
import { startTestCluster } from '../support/kubectl.ts';

async function setup(t: ExecutionContext) {
  const cluster = await startTestCluster();
  t.teardown(() => cluster[Symbol.asyncDispose]());
  const kubeconfig = new KubeConfig();
  kubeconfig.loadFromString(kubeconfigFor(cluster.server.url));
  const clock = new ManualClock();
  await installReconcilerManifests(new ClusterClient(kubeconfig), { clock });
  const dir = await mkdtemp(join(tmpdir(), 'image-updater-polling-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const logs: UpdaterLogEntry[] = [];
  const cycles = () => logs.filter((l) => l.msg === 'image update cycle finished').length;
  return { kubeconfig, clock, dir, logs, cycles };
}

/** Waits (wall time) until `predicate` holds: cycles do real HTTP, so they finish between clock steps. */
async function until(predicate: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test.serial('polls at once, then every interval of simulated time, never early; close stops it', async (t) => {
  const { kubeconfig, clock, dir, logs, cycles } = await setup(t);
  const updater = await startImageUpdater({
    kubeconfig,
    clock,
    interval: 120_000,
    registries: [],
    workDir: dir,
    log: (e) => logs.push(e),
  });
  await until(() => cycles() === 1 && clock.pending === 1, 'the first cycle and its sleep');
  await clock.advance(119_999);
  await new Promise((r) => setTimeout(r, 200));
  t.is(cycles(), 1, 'no poll before the interval');
  await clock.advance(1);
  await until(() => cycles() === 2 && clock.pending === 1, 'the second cycle');
  await updater.close();
  t.is(clock.pending, 0, 'the sleep was cancelled');
  await clock.advance(600_000);
  await new Promise((r) => setTimeout(r, 100));
  t.is(cycles(), 2);
  await t.throwsAsync(updater.runOnce(), { name: 'AbortError' });
});

test.serial('interval 0 never polls; runOnce calls never overlap', async (t) => {
  const { kubeconfig, clock, dir, logs, cycles } = await setup(t);
  await using updater = await startImageUpdater({
    kubeconfig,
    clock,
    interval: 0,
    registries: [],
    workDir: dir,
    log: (e) => logs.push(e),
  });
  await new Promise((r) => setTimeout(r, 200));
  t.is(cycles(), 0);
  t.is(clock.pending, 0);
  const results = await Promise.all([updater.runOnce(), updater.runOnce(), updater.runOnce()]);
  t.is(results.length, 3);
  const sequence = logs
    .filter((l) => l.msg.includes('image update cycle'))
    .map((l) => (l.msg.startsWith('starting') ? 'start' : 'end'));
  t.deepEqual(sequence, ['start', 'end', 'start', 'end', 'start', 'end']);
});
