import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { startKubelet } from '../../../src/kube/kubelet/index.ts';
import { pushImage, RegistryClient, registryPullResolver, startRegistry } from '../../../src/registry/index.ts';
import { simplePod, startTestCluster } from './helpers/cluster.ts';

type Waiting = { state: { waiting?: { reason: string; message?: string }; running?: unknown } };
const container = (pod: Record<string, unknown> | undefined) =>
  ((pod?.['status'] as { containerStatuses?: Waiting[] })?.containerStatuses ?? [])[0];

test('a missing tag: ErrImagePull, ImagePullBackOff with pulls 10, 20, 40, 80 s apart, recovery once the tag is pushed', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'kubelet-registry-'));
  t.teardown(() => rm(dataDir, { recursive: true, force: true }));
  await using c = await startTestCluster();
  await using registry = await startRegistry({ dataDir, clock: c.clock });
  const client = new RegistryClient({ registry: registry.url, clock: c.clock, retries: 1 });
  await pushImage({ registry: registry.url, repository: 'apps/web', tag: 'v1', clock: c.clock, client });
  const resolver = registryPullResolver({ knownRegistries: new Map([[registry.url, client]]) });
  await using kubelet = await startKubelet({
    ctx: c.ctx,
    nodeName: 'worker-1',
    nodeIndex: 1,
    imagePullResolver: resolver,
    onStage: c.onStage,
  });
  // Steps the ManualClock, letting registry round trips finish between steps.
  const run = async (ms: number) => {
    for (let done = 0; done < ms; done += 100) {
      await c.clock.advance(100);
      await kubelet.idle();
    }
  };
  const image = `${registry.url}/apps/web:v2`;
  c.createBound(
    simplePod('web', { container: { image }, annotations: { 'gitops-sandbox.io/pull-seconds': '0' } }),
    'worker-1',
  );
  await run(3_000);
  t.is(container(c.pod('web'))?.state.waiting?.reason, 'ImagePullBackOff');
  t.regex(
    container(c.pod('web'))?.state.waiting?.message ?? '',
    /^Back-off pulling image ".*apps\/web:v2": ErrImagePull: /,
  );

  await run(160_000);
  const pulls = c.trace.filter((f) => f.stage === 'image-pull-start').map((f) => f.at);
  const gaps = pulls.slice(1).map((at, i) => Math.round((at - pulls[i]!) / 100) / 10);
  t.deepEqual(gaps, [10, 20, 40, 80], `pull attempts ${gaps.join(', ')} s apart`);
  const events = c.events('web');
  t.true(events.includes(`Warning Failed: Error: ErrImagePull (x5)`), events.join('\n'));
  t.true(
    events.some((e) => e.startsWith(`Normal BackOff: Back-off pulling image "${image}"`)),
    events.join('\n'),
  );
  t.true(events.includes('Warning Failed: Error: ImagePullBackOff (x5)'), events.join('\n'));
  t.true(
    events.some((e) => e.startsWith(`Warning Failed: Failed to pull image "${image}": `)),
    events.join('\n'),
  );

  // The next attempt is 160 s after the last: push the tag meanwhile and the pod recovers at that attempt.
  await pushImage({ registry: registry.url, repository: 'apps/web', tag: 'v2', clock: c.clock, client });
  await run(150_000);
  const pod = c.pod('web')!;
  t.truthy(container(pod)?.state.running, JSON.stringify(container(pod)));
  t.is((pod['status'] as { phase: string }).phase, 'Running');
  const lastPull = c.trace.filter((f) => f.stage === 'image-pull-start').at(-1)!.at;
  t.is(Math.round((lastPull - pulls.at(-1)!) / 1000), 160);
  t.true(c.events('web').some((e) => e.startsWith(`Normal Pulled: Successfully pulled image "${image}"`)));
});

test('images of unknown registries are pullable; IfNotPresent reuses an image already on the node', async (t) => {
  await using c = await startTestCluster();
  await using _kubelet = await startKubelet({
    ctx: c.ctx,
    nodeName: 'worker-1',
    nodeIndex: 1,
    imagePullResolver: { resolve: async () => ({ status: 'unknown-registry' }) },
  });
  c.createBound(simplePod('a'), 'worker-1');
  await c.clock.advance(10_000);
  await _kubelet.idle();
  await c.clock.advance(10_000);
  c.createBound(simplePod('b'), 'worker-1');
  await c.clock.advance(10_000);
  t.true(
    c.events('b').includes('Normal Pulled: Container image "nginx:1.27" already present on machine'),
    c.events('b').join('\n'),
  );
  t.is((c.pod('b')!['status'] as { podIP: string }).podIP, '10.244.1.3');
});
