/**
 * Registry throughput: push and pull 100 small images (config + one gzip layer each) into the embedded registry
 * and into the reference `docker-registry` (distribution 2.8, filesystem storage), with the same client.
 */
import { ScaledClock } from '../../src/clock/index.ts';
import { pushImage, RegistryClient, startRegistry } from '../../src/registry/index.ts';
import { startReferenceRegistry } from '../../test/registry/helpers/reference-registry.ts';
import { tempDir } from '../../test/registry/helpers/temp-dir.ts';
import type { Bench, BenchFigure } from './report.ts';

const clock = new ScaledClock();

async function measure(url: string, count: number): Promise<{ push: number; pull: number }> {
  const client = new RegistryClient({ registry: url, clock });
  const tags = Array.from({ length: count }, (_, i) => `v${i}`);
  let started = performance.now();
  for (const tag of tags) {
    await pushImage({ registry: url, repository: 'bench/app', tag, labels: { tag }, clock, client });
  }
  const push = count / ((performance.now() - started) / 1000);
  started = performance.now();
  for (const tag of tags) {
    const manifest = await client.getManifest('bench/app', tag);
    for (const blob of [manifest.json.config, ...(manifest.json.layers ?? [])]) {
      if (blob) await client.fetchBlob('bench/app', blob.digest);
    }
  }
  const pull = count / ((performance.now() - started) / 1000);
  return { push, pull };
}

const bench: Bench = {
  title: 'registry: push/pull throughput of small images, embedded vs docker-registry (distribution 2.8)',
  async run({ quick }) {
    const count = quick ? 20 : 100;
    await using dir = await tempDir('registry-bench-');
    const ours = await startRegistry({ dataDir: dir.path, clock });
    let embedded: { push: number; pull: number };
    try {
      embedded = await measure(ours.url, count);
    } finally {
      await ours.close();
    }
    await using reference = await startReferenceRegistry();
    const baseline = await measure(reference.url, count);
    const figures: BenchFigure[] = [
      {
        name: `push ${count} images (blobs + manifest)`,
        value: embedded.push,
        unit: 'images/s',
        baseline: { name: 'docker-registry', value: baseline.push },
      },
      {
        name: `pull ${count} images (manifest + blobs)`,
        value: embedded.pull,
        unit: 'images/s',
        baseline: { name: 'docker-registry', value: baseline.pull },
      },
    ];
    return figures;
  },
};

export default bench;
