import test from 'ava';
import type { Application } from '../../src/reconciler/application/index.ts';
import { automated, deployment, startUpdaterWorld } from './helpers.ts';

test.serial(
  'a registry outage backs off (5 s, 10 s … of simulated time) and recovers before the next poll',
  async (t) => {
    const world = await startUpdaterWorld(t);
    const image = `${world.host}/t/api`;
    for (const tag of ['v1.0.0', 'v1.1.0']) await world.pushTag('t/api', tag);
    await world.push({
      'api/kustomization.yaml': 'resources: [api.yaml]\n',
      'api/api.yaml': deployment('api', `${image}:v1.0.0`),
    });
    await world.createApp(
      'api',
      { source: { repoURL: world.repoURL, path: 'api', targetRevision: 'main' }, syncPolicy: automated },
      { metadata: { annotations: { 'argocd-image-updater.argoproj.io/image-list': `${image}:^1` } } },
    );
    await world.waitApp('api', (a) => Boolean(a.status?.summary?.images?.includes(`${image}:v1.0.0`)));

    world.registry.setAvailable(false);
    await world.startUpdater({ interval: 120_000 });
    const failures = () => world.updaterLogs.filter((l) => l.msg === 'registry failed; backing off');
    const deadline = performance.now() + 30_000;
    while (failures().length < 3 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    t.true(failures().length >= 3, 'keeps retrying while the registry is down');
    world.registry.setAvailable(true);
    const recoveredFrom = world.clock.now();

    const app: Application = await world.waitApp('api', (a) =>
      Boolean(a.spec.source?.kustomize?.images?.includes(`${image}:v1.1.0`)),
    );
    t.truthy(app);
    const recovered = world.updaterLogs.find((l) => l.msg === 'registry recovered');
    t.truthy(recovered, 'says it recovered');
    // Recovery came from the back-off retry, well before the 2-minute poll.
    t.true(Date.parse(recovered!.time) - recoveredFrom < 60_000);

    const [first, second, third] = failures();
    const delays = [first, second, third].map((l) => Number(l!['retryInMs']));
    t.true(delays[0]! >= 5_000 && delays[0]! <= 5_500, `first back-off ${delays[0]}`);
    t.true(delays[1]! >= 10_000 && delays[1]! <= 11_000, `second back-off ${delays[1]}`);
    t.true(delays[2]! >= 20_000 && delays[2]! <= 22_000, `third back-off ${delays[2]}`);
    // No attempt before its back-off ran out (log times are simulated time).
    t.true(Date.parse(second!.time) - Date.parse(first!.time) >= delays[0]!);
    t.true(Date.parse(third!.time) - Date.parse(second!.time) >= delays[1]!);
    t.regex(String(first!['error']), /503|unavailable|UNAVAILABLE/i);
  },
);
