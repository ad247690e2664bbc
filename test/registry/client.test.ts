import test from 'ava';
import { ScaledClock } from '../../src/clock/index.ts';
import { pushImage, RegistryClient, RegistryError } from '../../src/registry/index.ts';
import { type Auth, targets } from './helpers/targets.ts';

// One test body, run against our registry and the reference `docker-registry`: the client must answer the same.

const clock = new ScaledClock();
const auth: Auth = { username: 'alice', password: 'wonderland' };

for (const { kind, start } of targets) {
  test.serial(`${kind}: push, list tags (all pages), resolve digests and read image configs`, async (t) => {
    await using target = await start();
    const client = new RegistryClient({ registry: target.url, clock, pageSize: 2 });
    await client.ping();
    const pushed: Record<string, string> = {};
    for (const tag of ['v1.0.0', 'v1.1.0', 'v1.2.0', 'latest', 'v2.0.0']) {
      const created = `2026-01-0${Object.keys(pushed).length + 1}T00:00:00Z`;
      const labels = { 'org.opencontainers.image.version': tag, ...(tag === 'v2.0.0' ? { crash: 'true' } : {}) };
      pushed[tag] = (
        await pushImage({ registry: target.url, repository: 'team/web', tag, labels, created, clock, client })
      ).digest;
    }
    t.deepEqual((await client.listTags('team/web')).sort(), Object.keys(pushed).sort());
    t.is(await client.resolveDigest('team/web', 'v1.1.0'), pushed['v1.1.0'] ?? '');
    t.is(await client.resolveDigest('team/web', pushed['v1.1.0'] ?? ''), pushed['v1.1.0'] ?? '');
    t.true(await client.manifestExists('team/web', 'v2.0.0'));
    t.false(await client.manifestExists('team/web', 'v9'));
    t.deepEqual(await client.getImageConfig('team/web', 'v2.0.0'), {
      created: '2026-01-05T00:00:00Z',
      labels: { 'org.opencontainers.image.version': 'v2.0.0', crash: 'true' },
      os: 'linux',
      architecture: 'amd64',
      digest: pushed['v2.0.0'] ?? '',
    });
    t.deepEqual(await client.listRepositories(), ['team/web']);

    await client.deleteManifest('team/web', pushed['latest'] ?? '');
    t.false(await client.manifestExists('team/web', 'latest'));
  });

  test.serial(`${kind}: missing tags and repositories are REGISTRY_NOT_FOUND naming what is missing`, async (t) => {
    await using target = await start();
    const client = new RegistryClient({ registry: target.url, clock });
    await pushImage({ registry: target.url, repository: 'app', tag: 'v1', clock, client });
    const missingTag = await t.throwsAsync(client.getImageConfig('app', 'v2'), { instanceOf: RegistryError });
    t.is(missingTag.code, 'REGISTRY_NOT_FOUND');
    t.is(missingTag.status, 404);
    t.deepEqual(
      missingTag.errors.map((e) => e.code),
      ['MANIFEST_UNKNOWN'],
    );
    t.regex(missingTag.message, new RegExp(`app:v2 in registry ${target.url}`));
    const missingRepo = await t.throwsAsync(client.listTags('nothing/here'), { instanceOf: RegistryError });
    t.is(missingRepo.code, 'REGISTRY_NOT_FOUND');
    t.deepEqual(
      missingRepo.errors.map((e) => e.code),
      ['NAME_UNKNOWN'],
    );
  });

  test.serial(`${kind}: basic auth: credentials work, none or wrong ones are REGISTRY_UNAUTHORIZED`, async (t) => {
    await using target = await start({ auth });
    const client = new RegistryClient({ registry: target.url, clock, credentials: auth });
    await client.ping();
    await pushImage({ registry: target.url, repository: 'private/app', tag: 'v1', clock, credentials: auth });
    t.deepEqual(await client.listTags('private/app'), ['v1']);
    const anonymous = new RegistryClient({ registry: target.url, clock });
    const denied = await t.throwsAsync(anonymous.listTags('private/app'), { instanceOf: RegistryError });
    t.is(denied.code, 'REGISTRY_UNAUTHORIZED');
    t.regex(denied.message, /credentials/);
    const wrong = new RegistryClient({ registry: target.url, clock, credentials: { ...auth, password: 'no' } });
    const rejected = await t.throwsAsync(wrong.ping(), { instanceOf: RegistryError });
    t.is(rejected.code, 'REGISTRY_UNAUTHORIZED');
  });
}
