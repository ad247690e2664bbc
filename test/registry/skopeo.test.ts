import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { ScaledClock } from '../../src/clock/index.ts';
import { buildImage, RegistryClient, writeOciLayout } from '../../src/registry/index.ts';
import { startEmbedded, startReference } from './helpers/targets.ts';
import { tempDir } from './helpers/temp-dir.ts';

// The real client: skopeo (containers/image) against the embedded registry, over plain HTTP.

const clock = new ScaledClock();

function skopeo(args: string[]) {
  return execa('skopeo', ['--insecure-policy', ...args], { timeout: 30_000 });
}

async function layoutWith(dir: string, tag: string, labels: Record<string, string>) {
  const image = buildImage({ name: `layout:${tag}`, created: '2026-02-01T12:00:00Z', labels });
  await writeOciLayout({ dir, images: [{ tag, image }] });
  return image;
}

test.serial(
  'skopeo copies an OCI layout in, inspects it, lists tags, copies it out and back, deletes it',
  async (t) => {
    await using dir = await tempDir();
    await using target = await startEmbedded();
    const layout = join(dir.path, 'layout');
    const image = await layoutWith(layout, 'v1', { 'app.version': '1' });
    const ref = `docker://${target.url}/demo/web`;

    await skopeo(['copy', '--dest-tls-verify=false', `oci:${layout}:v1`, `${ref}:v1`]);
    await skopeo(['copy', '--dest-tls-verify=false', `oci:${layout}:v1`, `${ref}:stable`]);

    const inspected = JSON.parse((await skopeo(['inspect', '--tls-verify=false', `${ref}:v1`])).stdout) as {
      Digest: string;
      Labels: Record<string, string>;
      Created: string;
      Os: string;
      Architecture: string;
      Layers: string[];
    };
    t.is(inspected.Digest, image.manifest.digest);
    t.deepEqual(inspected.Labels, { 'app.version': '1' });
    t.is(inspected.Created, '2026-02-01T12:00:00Z');
    t.is(`${inspected.Os}/${inspected.Architecture}`, 'linux/amd64');
    t.deepEqual(inspected.Layers, [image.layer.digest]);

    const raw = JSON.parse((await skopeo(['inspect', '--raw', '--tls-verify=false', `${ref}:v1`])).stdout) as object;
    t.deepEqual(raw, JSON.parse(Buffer.from(image.manifest.bytes).toString()));

    const tags = JSON.parse((await skopeo(['list-tags', '--tls-verify=false', ref])).stdout) as { Tags: string[] };
    t.deepEqual(tags.Tags.sort(), ['stable', 'v1']);

    const out = join(dir.path, 'out');
    await skopeo(['copy', '--src-tls-verify=false', `${ref}:v1`, `oci:${out}:copied`]);
    await skopeo(['copy', '--dest-tls-verify=false', `oci:${out}:copied`, `docker://${target.url}/demo/copied:v1`]);
    const client = new RegistryClient({ registry: target.url, clock });
    t.is(await client.resolveDigest('demo/copied', 'v1'), image.manifest.digest);

    await skopeo(['delete', '--tls-verify=false', `${ref}:v1`]);
    t.false(await client.manifestExists('demo/web', 'v1'));
    // Delete is by digest, so every tag on that manifest goes with it.
    t.false(await client.manifestExists('demo/web', 'stable'));
  },
);

test.serial('skopeo copies between the embedded and the reference registry with the same digest', async (t) => {
  await using dir = await tempDir();
  await using ours = await startEmbedded();
  await using reference = await startReference();
  const layout = join(dir.path, 'layout');
  const image = await layoutWith(layout, 'v2', { 'app.version': '2' });
  await skopeo(['copy', '--dest-tls-verify=false', `oci:${layout}:v2`, `docker://${ours.url}/x/app:v2`]);
  await skopeo([
    'copy',
    '--src-tls-verify=false',
    '--dest-tls-verify=false',
    `docker://${ours.url}/x/app:v2`,
    `docker://${reference.url}/x/app:v2`,
  ]);
  await skopeo([
    'copy',
    '--src-tls-verify=false',
    '--dest-tls-verify=false',
    `docker://${reference.url}/x/app:v2`,
    `docker://${ours.url}/y/app:v2`,
  ]);
  const theirs = new RegistryClient({ registry: reference.url, clock });
  const mine = new RegistryClient({ registry: ours.url, clock });
  t.is(await theirs.resolveDigest('x/app', 'v2'), image.manifest.digest);
  t.is(await mine.resolveDigest('y/app', 'v2'), image.manifest.digest);
});

test.serial('skopeo with --creds against a registry with basic auth; without them it is refused', async (t) => {
  await using dir = await tempDir();
  await using target = await startEmbedded({ auth: { username: 'bob', password: 'builder' } });
  const layout = join(dir.path, 'layout');
  await layoutWith(layout, 'v1', {});
  const ref = `docker://${target.url}/private/app`;
  await skopeo(['copy', '--dest-tls-verify=false', '--dest-creds', 'bob:builder', `oci:${layout}:v1`, `${ref}:v1`]);
  const tags = await skopeo(['list-tags', '--tls-verify=false', '--creds', 'bob:builder', ref]);
  t.deepEqual((JSON.parse(tags.stdout) as { Tags: string[] }).Tags, ['v1']);
  const refused = await t.throwsAsync(skopeo(['inspect', '--tls-verify=false', `${ref}:v1`]));
  t.regex(refused?.message ?? '', /unauthorized|authentication required/i);
  const wrong = await t.throwsAsync(skopeo(['inspect', '--tls-verify=false', '--creds', 'bob:nope', `${ref}:v1`]));
  t.regex(wrong?.message ?? '', /unauthorized|invalid username or password/i);
});
