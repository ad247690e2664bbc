import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import test from 'ava';
import { ScaledClock } from '../../src/clock/index.ts';
import { startImageUpdater } from '../../src/image-updater/index.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import { kubeconfigFor } from '../../src/providers/state/state-files.ts';
import { ClusterClient } from '../../src/reconciler/cluster/index.ts';
import { installReconcilerManifests } from '../../src/reconciler/manifests/index.ts';
import { pushImage, startRegistry } from '../../src/registry/index.ts';
import { startTestCluster } from '../support/kubectl.ts';

test.serial('registries.conf limit spaces the requests to one registry in simulated time', async (t) => {
  const cluster = await startTestCluster();
  t.teardown(() => cluster[Symbol.asyncDispose]());
  const dir = await mkdtemp(join(tmpdir(), 'image-updater-limit-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const clock = new ScaledClock({ speed: 10 });
  const registry = await startRegistry({ dataDir: join(dir, 'registry'), clock });
  t.teardown(() => registry.close());
  const kubeconfig = new KubeConfig();
  kubeconfig.loadFromString(kubeconfigFor(cluster.server.url));
  const client = new ClusterClient(kubeconfig);
  await installReconcilerManifests(client, { clock });
  const images = ['a', 'b', 'c', 'd'].map((n) => `${registry.url}/limit/${n}`);
  for (const image of images) {
    await pushImage({ registry: registry.url, repository: image.slice(registry.url.length + 1), tag: 'v1', clock });
  }
  // An app as the reconciler leaves it: Kustomize, running the four images at their only tag (nothing to write).
  await client.create({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: 'limited',
      namespace: 'argocd',
      annotations: { 'argocd-image-updater.argoproj.io/image-list': images.join(',') },
    },
    spec: { project: 'default', destination: {}, source: { repoURL: 'http://git.invalid/x.git', path: 'x' } },
    status: { sourceType: 'Kustomize', summary: { images: images.map((i) => `${i}:v1`) } },
  } as KubeObject);

  const cycle = async (limit: number) => {
    await using updater = await startImageUpdater({
      kubeconfig,
      clock,
      interval: 0,
      registries: [{ name: 'r', prefix: registry.url, apiUrl: `http://${registry.url}`, limit }],
      workDir: join(dir, `work-${limit}`),
    });
    const result = await updater.runOnce();
    t.is(result.imagesConsidered, 4);
    t.is(result.errors, 0);
    return result.durationMs;
  };
  // Four tag listings at 1 request/s wait at least 3 simulated seconds between them; at 1000/s almost nothing.
  const slow = await cycle(1);
  const fast = await cycle(1_000);
  t.true(slow >= 3_000, `limit 1/s: ${slow} ms`);
  t.true(slow - fast >= 2_000, `limit 1/s: ${slow} ms, 1000/s: ${fast} ms`);
});
