import { join } from 'node:path';
import test from 'ava';
import { parseRegistriesConf } from '../../src/image-updater/index.ts';
import { resolveCredentials } from '../../src/image-updater/registry/credentials.ts';
import { endpointOf, registryFor } from '../../src/image-updater/registry/registry-config.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import type { ClusterClient } from '../../src/reconciler/cluster/index.ts';
import { pushImage, startRegistry } from '../../src/registry/index.ts';
import { automated, deployment, startUpdaterWorld } from './helpers.ts';

test('registries.conf: the real format; longest prefix wins, else the default; api_url decides host and scheme', (t) => {
  const configs = parseRegistriesConf(`registries:
- name: Sandbox
  prefix: 127.0.0.1:5000
  api_url: http://127.0.0.1:5000
  credentials: secret:argocd/regcreds#creds
  limit: 5
- name: Team
  prefix: 127.0.0.1:5000/team
  api_url: https://mirror.example.com
- name: Hub
  prefix: docker.io
  api_url: https://registry-1.docker.io
  defaultns: library
  default: true
`);
  t.is(registryFor(configs, '127.0.0.1:5000')?.name, 'Sandbox');
  t.is(registryFor(configs, 'ghcr.io')?.name, 'Hub');
  t.deepEqual(endpointOf(registryFor(configs, '127.0.0.1:5000'), '127.0.0.1:5000'), {
    host: '127.0.0.1:5000',
    insecure: true,
  });
  t.deepEqual(endpointOf(configs[1], '127.0.0.1:5000'), { host: 'mirror.example.com', insecure: false });
  t.is(configs[0]!.limit, 5);
  t.throws(() => parseRegistriesConf('registries:\n- name: x\n'), { message: /registries\[0\] has no prefix/ });
  t.throws(() => parseRegistriesConf('registries:\n- {prefix: a, limit: 0}\n'), {
    message: /limit must be a positive/,
  });
  t.throws(() => parseRegistriesConf('registries:\n- {prefix: a, default: true}\n- {prefix: b, default: true}\n'), {
    message: /more than one registry is marked default/,
  });
  t.deepEqual(parseRegistriesConf(''), []);
});

test('credentials from env:', async (t) => {
  const client = {} as ClusterClient;
  t.deepEqual(await resolveCredentials('env:CREDS', { client, registry: 'r', env: { CREDS: 'bot:s3:cret' } }), {
    username: 'bot',
    password: 's3:cret',
  });
  await t.throwsAsync(resolveCredentials('env:NOPE', { client, registry: 'r', env: {} }), {
    message: /registry credentials 'env:NOPE': environment variable NOPE is not set/,
  });
  await t.throwsAsync(resolveCredentials('ext:/bin/creds', { client, registry: 'r' }), { message: /use pullsecret:/ });
});

test.serial(
  'a registry with auth: registries.conf credentials from a Secret field, a pull-secret (dockerconfigjson) per image; none fails and says so',
  async (t) => {
    const world = await startUpdaterWorld(t);
    const auth = { username: 'puller', password: 'pull-pass-1' };
    const registry = await startRegistry({ dataDir: join(world.dir, 'private'), clock: world.clock, auth });
    t.teardown(() => registry.close());
    for (const repository of ['p/a', 'p/b']) {
      for (const tag of ['v1.0.0', 'v1.2.0']) {
        await pushImage({ registry: registry.url, repository, tag, clock: world.clock, credentials: auth });
      }
    }
    const secret = (name: string, stringData: Record<string, string>, type = 'Opaque') =>
      world.client.create({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name, namespace: 'argocd' },
        type,
        stringData,
      } as KubeObject);
    await secret('regcreds', { creds: `${auth.username}:${auth.password}` });
    await secret(
      'dockercfg',
      {
        '.dockerconfigjson': JSON.stringify({
          auths: { [registry.url]: { auth: Buffer.from(`${auth.username}:${auth.password}`).toString('base64') } },
        }),
      },
      'kubernetes.io/dockerconfigjson',
    );
    const a = `${registry.url}/p/a`;
    const b = `${registry.url}/p/b`;
    await world.push({
      'priv/kustomization.yaml': 'resources: [a.yaml, b.yaml]\n',
      'priv/a.yaml': deployment('a', `${a}:v1.0.0`),
      'priv/b.yaml': deployment('b', `${b}:v1.0.0`),
    });
    await world.createApp(
      'priv',
      { source: { repoURL: world.repoURL, path: 'priv', targetRevision: 'main' }, syncPolicy: automated },
      {
        metadata: {
          annotations: {
            'argocd-image-updater.argoproj.io/image-list': `a=${a}, b=${b}`,
            'argocd-image-updater.argoproj.io/b.pull-secret': 'pullsecret:argocd/dockercfg',
          },
        },
      },
    );
    await world.waitApp('priv', (app) => app.status?.summary?.images?.length === 2);

    const anonymous = await world.startUpdater({ registries: [] });
    const denied = await anonymous.runOnce();
    t.is(denied.errors, 1, 'a: no credentials');
    t.deepEqual(
      denied.updates[0]?.images.map((i) => i.image),
      [b],
      'b has its pull-secret',
    );
    t.true(
      world.updaterLogs.some(
        (l) => l.msg === 'could not check image' && /authentication failed/.test(String(l['error'])),
      ),
    );

    const conf = parseRegistriesConf(
      `registries:\n- name: private\n  prefix: ${registry.url}\n  api_url: http://${registry.url}\n  credentials: secret:argocd/regcreds#creds\n  limit: 50\n`,
    );
    const configured = await world.startUpdater({ registries: conf });
    const result = await configured.runOnce();
    t.is(result.errors, 0);
    // b is still live at v1.0.0 until the reconciler syncs, so it is set again, as the real tool does.
    t.deepEqual(
      result.updates[0]?.images.find((i) => i.image === a),
      { alias: 'a', image: a, oldTag: 'v1.0.0', newTag: 'v1.2.0' },
    );
    const spec = (await world.getApp('priv')).spec.source?.kustomize?.images;
    t.deepEqual([...(spec ?? [])].sort(), [`${a}:v1.2.0`, `${b}:v1.2.0`]);
  },
);
