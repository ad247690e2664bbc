import test from 'ava';
import { ScaledClock } from '../../src/clock/index.ts';
import { pushImage, RegistryClient, registryPullResolver } from '../../src/registry/index.ts';
import { startEmbedded } from './helpers/targets.ts';

const clock = new ScaledClock({ speed: 100 });

test('the kubelet hook finds images of known registries, reports missing ones, passes unknown registries', async (t) => {
  await using target = await startEmbedded();
  const client = new RegistryClient({ registry: target.url, clock, retries: 1 });
  const { digest } = await pushImage({
    registry: target.url,
    repository: 'apps/web',
    tag: 'v1',
    labels: { 'gitops-sandbox.io/crash': 'true' },
    clock,
    client,
  });
  const resolver = registryPullResolver({ knownRegistries: new Map([[target.url, client]]) });

  t.deepEqual(await resolver.resolve(`${target.url}/apps/web:v1`), {
    status: 'found',
    digest,
    labels: { 'gitops-sandbox.io/crash': 'true' },
  });
  t.like(await resolver.resolve(`${target.url}/apps/web@${digest}`), { status: 'found', digest });
  const localhost = target.url.replace('127.0.0.1', 'localhost');
  t.like(await resolver.resolve(`${localhost}/apps/web:v1`), { status: 'found' });

  const missing = await resolver.resolve(`${target.url}/apps/web:v2`);
  t.is(missing.status, 'not-found');
  t.regex(missing.status === 'not-found' ? missing.message : '', /apps\/web:v2/);
  t.like(await resolver.resolve(`${target.url}/apps/web`), { status: 'not-found' });
  t.deepEqual(await resolver.resolve('nginx:1.27'), { status: 'unknown-registry' });
  t.like(await resolver.resolve('Not A Reference'), { status: 'not-found' });

  target.embedded!.setAvailable(false);
  const down = await resolver.resolve(`${target.url}/apps/web:v1`);
  t.is(down.status, 'not-found');
  t.regex(down.status === 'not-found' ? down.message : '', /503/);
});
