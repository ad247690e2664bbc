/**
 * Image updater: one polling cycle over 200 images (20 Applications × 10 images) with 50 tags each, against the
 * embedded registry and API server, in steady state (every image already at its newest tag, so the cycle is list
 * Applications → list tags → choose → nothing to write) and with every image out of date (argocd write-back: one
 * spec patch and one Event per app). Baseline: the same 200 tag listings done with plain fetch, 10 at a time (the
 * updater's default concurrency), i.e. the least any updater must do; for newest-build, the tag lists plus one
 * manifest HEAD per tag (the least that notices a tag that moved).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { Random, ScaledClock } from '../../src/clock/index.ts';
import { startImageUpdater } from '../../src/image-updater/index.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import { startEmbeddedCluster } from '../../src/providers/embedded/embedded-cluster.ts';
import { kubeconfigFor } from '../../src/providers/state/state-files.ts';
import { ClusterClient } from '../../src/reconciler/cluster/index.ts';
import { installReconcilerManifests } from '../../src/reconciler/manifests/index.ts';
import { buildImage, RegistryClient, startRegistry } from '../../src/registry/index.ts';
import type { Bench, BenchFigure } from './report.ts';

const APPS = 20;
const TAGS = 50;

/** Pushes one image and tags it `v1.0.0` … `v1.0.<tags-1>` (one manifest under many tags keeps set-up quick). */
async function seed(client: RegistryClient, clock: ScaledClock, repository: string, tags: number): Promise<void> {
  const image = buildImage({ name: repository, created: new Date(clock.now()).toISOString() });
  await client.uploadBlob(repository, image.layer.bytes);
  await client.uploadBlob(repository, image.config.bytes);
  const manifest = { mediaType: image.manifest.mediaType, body: image.manifest.bytes };
  for (let i = 0; i < tags; i++) await client.putManifest(repository, `v1.0.${i}`, manifest);
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

const bench: Bench = {
  title: 'Image updater: one polling cycle over 200 images × 50 tags (embedded registry and API server)',
  async run({ quick }) {
    const apps = quick ? 4 : APPS;
    const images = apps * 10;
    const dir = await mkdtemp(join(tmpdir(), 'image-updater-bench-'));
    const clock = new ScaledClock();
    const random = new Random(7);
    const cluster = await startEmbeddedCluster({ clock, random, nodes: 1 });
    const registry = await startRegistry({ dataDir: join(dir, 'registry'), clock });
    try {
      const kubeconfig = new KubeConfig();
      kubeconfig.loadFromString(kubeconfigFor(cluster.apiServer.url));
      const kube = new ClusterClient(kubeconfig);
      await installReconcilerManifests(kube, { clock });
      const pusher = new RegistryClient({ registry: registry.url, clock });
      const repositories = Array.from({ length: images }, (_, i) => `bench/app-${i}`);
      await inBatches(repositories, 8, (repository) => seed(pusher, clock, repository, TAGS));

      // Applications as the reconciler leaves them: Kustomize, running their images (status.summary.images).
      const createApps = async (liveTag: string, strategy = 'semver') => {
        for (let a = 0; a < apps; a++) {
          const own = repositories.slice(a * 10, a * 10 + 10).map((r) => `${registry.url}/${r}`);
          const name = `bench-${a}`;
          const ref = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', namespace: 'argocd', name };
          await kube.delete(ref);
          await kube.create({
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Application',
            metadata: {
              name,
              namespace: 'argocd',
              annotations: {
                'argocd-image-updater.argoproj.io/image-list': own.map((image, i) => `i${i}=${image}:~1.0`).join(','),
                'argocd-image-updater.argoproj.io/update-strategy': strategy,
              },
            },
            spec: {
              project: 'default',
              destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
              source: { repoURL: 'http://git.invalid/apps.git', path: name },
            },
            status: { sourceType: 'Kustomize', summary: { images: own.map((image) => `${image}:${liveTag}`) } },
          } as KubeObject);
        }
      };
      const updater = await startImageUpdater({
        kubeconfig,
        clock,
        random,
        interval: 0,
        // The real tool's default limit is 20 requests/s per registry; lift it so the figure is our own cost.
        registries: [{ name: 'bench', prefix: registry.url, apiUrl: `http://${registry.url}`, limit: 100_000 }],
        workDir: join(dir, 'work'),
      });
      try {
        await createApps(`v1.0.${TAGS - 1}`);
        await updater.runOnce(); // warm connections and discovery
        const steady: number[] = [];
        for (let i = 0; i < 3; i++) {
          const started = performance.now();
          const result = await updater.runOnce();
          steady.push(performance.now() - started);
          if (result.imagesConsidered !== images || result.imagesUpdated !== 0) throw new Error(JSON.stringify(result));
        }
        await createApps('v1.0.0');
        const started = performance.now();
        const updating = await updater.runOnce();
        const updateCycle = performance.now() - started;
        if (updating.imagesUpdated !== images)
          throw new Error(`expected ${images} updates: ${JSON.stringify(updating)}`);

        // newest-build: every tag's date; after the first cycle each tag costs one HEAD (dates are kept by digest).
        // All tags of a repository share one image here, so only the warm figure is meaningful.
        await createApps(`v1.0.${TAGS - 1}`, 'newest-build');
        await updater.runOnce();
        const newest: number[] = [];
        for (let i = 0; i < 2; i++) {
          const startedNewest = performance.now();
          const result = await updater.runOnce();
          newest.push(performance.now() - startedNewest);
          if (result.errors !== 0) throw new Error(JSON.stringify(result));
        }
        const heads: number[] = [];
        for (let i = 0; i < 2; i++) {
          const startedHeads = performance.now();
          await inBatches(repositories, 10, async (repository) => {
            const base = `http://${registry.url}/v2/${repository}`;
            const { tags } = (await (await fetch(`${base}/tags/list`)).json()) as { tags: string[] };
            for (const tag of tags) {
              const response = await fetch(`${base}/manifests/${tag}`, {
                method: 'HEAD',
                headers: { Accept: 'application/vnd.oci.image.manifest.v1+json' },
              });
              if (!response.ok) throw new Error(`${repository}:${tag}: ${response.status}`);
            }
          });
          heads.push(performance.now() - startedHeads);
        }

        const baselines: number[] = [];
        for (let i = 0; i < 3; i++) {
          const startedFetch = performance.now();
          await inBatches(repositories, 10, async (repository) => {
            const response = await fetch(`http://${registry.url}/v2/${repository}/tags/list`);
            const body = (await response.json()) as { tags: string[] };
            if (body.tags.length !== TAGS) throw new Error(`${repository}: ${body.tags.length} tags`);
          });
          baselines.push(performance.now() - startedFetch);
        }
        const best = (values: number[]) => Math.min(...values);
        const figures: BenchFigure[] = [
          {
            name: `cycle, ${images} images × ${TAGS} tags, all current`,
            value: best(steady),
            unit: 'ms',
            lowerIsBetter: true,
            baseline: { name: `${images} tag lists by fetch`, value: best(baselines) },
          },
          {
            name: `cycle, ${images} images out of date (${apps} spec patches + Events)`,
            value: updateCycle,
            unit: 'ms',
            lowerIsBetter: true,
            baseline: { name: `${images} tag lists by fetch`, value: best(baselines) },
          },
          { name: 'per image, steady state', value: best(steady) / images, unit: 'ms', lowerIsBetter: true },
          {
            name: `newest-build cycle, ${images} images × ${TAGS} tags, dates cached`,
            value: best(newest),
            unit: 'ms',
            lowerIsBetter: true,
            baseline: { name: `tag lists + ${images * TAGS} HEADs by fetch`, value: best(heads) },
          },
        ];
        return figures;
      } finally {
        await updater.close();
      }
    } finally {
      await registry.close();
      await cluster.close();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
