import test from 'ava';
import { ManualClock, ScaledClock } from '../../src/clock/index.ts';
import { sha256 } from '../../src/registry/digest.ts';
import { buildImage, MediaType, pushImage, startRegistry } from '../../src/registry/index.ts';
import { tempDir } from './helpers/temp-dir.ts';

// What only the embedded registry promises: monolithic POST, tag deletion, events, faults, persistence.

const clock = new ScaledClock();

async function call(url: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`http://${url}${path}`, init);
  const text = await response.text();
  const errors = text.startsWith('{"errors"') ? (JSON.parse(text) as { errors: { code: string }[] }).errors : [];
  return { status: response.status, headers: response.headers, text, codes: errors.map((e) => e.code) };
}

test('a monolithic POST with ?digest= stores the blob in one request and checks the digest', async (t) => {
  await using dir = await tempDir();
  await using registry = await startRegistry({ dataDir: dir.path, clock });
  const data = Buffer.from('one shot');
  const ok = await call(registry.url, `/v2/app/blobs/uploads/?digest=${sha256(data)}`, { method: 'POST', body: data });
  t.is(ok.status, 201);
  t.is(ok.headers.get('docker-content-digest'), sha256(data));
  const bad = await call(registry.url, `/v2/app/blobs/uploads/?digest=${sha256('x')}`, { method: 'POST', body: data });
  t.is(bad.status, 400);
  t.deepEqual(bad.codes, ['DIGEST_INVALID']);

  const suffix = await call(registry.url, `/v2/app/blobs/${sha256(data)}`, { headers: { Range: 'bytes=-4' } });
  t.is(suffix.status, 206);
  t.is(suffix.text, 'shot');
  const beyond = await call(registry.url, `/v2/app/blobs/${sha256(data)}`, { headers: { Range: 'bytes=100-' } });
  t.is(beyond.status, 416);
  t.is(beyond.headers.get('content-range'), `bytes */${data.length}`);

  t.is((await call(registry.url, `/v2/app/blobs/${sha256(data)}`, { method: 'DELETE' })).status, 202);
  t.is((await call(registry.url, `/v2/app/blobs/${sha256(data)}`, { method: 'HEAD' })).status, 404);
});

test('tags: deleting a tag keeps the manifest; onTag reports every push by tag', async (t) => {
  await using dir = await tempDir();
  await using registry = await startRegistry({ dataDir: dir.path, clock });
  const events: { repository: string; tag: string; digest: string }[] = [];
  const unsubscribe = registry.onTag((event) => events.push(event));
  const { digest } = await pushImage({ registry: registry.url, repository: 'a/b/c', tag: 'v1', clock });
  await pushImage({ registry: registry.url, repository: 'a/b/c', tag: 'v2', clock });
  unsubscribe();
  await pushImage({ registry: registry.url, repository: 'a/b/c', tag: 'v3', clock });
  t.deepEqual(
    events.map((e) => `${e.repository}:${e.tag}`),
    ['a/b/c:v1', 'a/b/c:v2'],
  );
  t.is(events[0]?.digest, digest);

  t.is((await call(registry.url, '/v2/a/b/c/manifests/v1', { method: 'DELETE' })).status, 202);
  t.is((await call(registry.url, '/v2/a/b/c/manifests/v1', { method: 'HEAD' })).status, 404);
  t.is((await call(registry.url, `/v2/a/b/c/manifests/${digest}`, { method: 'HEAD' })).status, 200);
});

test('Accept negotiation: an index falls back to its linux/amd64 image; an unacceptable type is MANIFEST_UNKNOWN', async (t) => {
  await using dir = await tempDir();
  await using registry = await startRegistry({ dataDir: dir.path, clock });
  const { digest } = await pushImage({ registry: registry.url, repository: 'multi', tag: 'single', clock });
  const manifest = await call(registry.url, `/v2/multi/manifests/${digest}`);
  const index = JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.ociIndex,
    manifests: [
      {
        mediaType: MediaType.ociManifest,
        digest,
        size: manifest.text.length,
        platform: { os: 'linux', architecture: 'amd64' },
      },
    ],
  });
  const put = await call(registry.url, '/v2/multi/manifests/both', {
    method: 'PUT',
    headers: { 'Content-Type': MediaType.ociIndex },
    body: index,
  });
  t.is(put.status, 201);
  const imageOnly = await call(registry.url, '/v2/multi/manifests/both', {
    headers: { Accept: MediaType.ociManifest },
  });
  t.is(imageOnly.headers.get('docker-content-digest'), digest);
  t.is(imageOnly.headers.get('content-type'), MediaType.ociManifest);
  const dockerOnly = await call(registry.url, '/v2/multi/manifests/single', {
    headers: { Accept: MediaType.dockerManifest },
  });
  t.is(dockerOnly.status, 404);
  t.deepEqual(dockerOnly.codes, ['MANIFEST_UNKNOWN']);

  const wrongDigest = await call(registry.url, `/v2/multi/manifests/${sha256('other')}`, {
    method: 'PUT',
    headers: { 'Content-Type': MediaType.ociIndex },
    body: index,
  });
  t.deepEqual(wrongDigest.codes, ['DIGEST_INVALID']);
  const notJson = await call(registry.url, '/v2/multi/manifests/bad', {
    method: 'PUT',
    headers: { 'Content-Type': MediaType.ociManifest },
    body: '{not json',
  });
  t.deepEqual(notJson.codes, ['MANIFEST_INVALID']);
});

test('faults: an outage answers 503 to everything; a rate limit answers 429 with Retry-After', async (t) => {
  await using dir = await tempDir();
  // A manual clock: the token bucket refills only when the test says so.
  const manual = new ManualClock();
  await using registry = await startRegistry({ dataDir: dir.path, clock: manual });
  registry.setAvailable(false);
  const down = await call(registry.url, '/v2/');
  t.is(down.status, 503);
  t.deepEqual(down.codes, ['UNAVAILABLE']);
  registry.setAvailable(true);
  t.is((await call(registry.url, '/v2/')).status, 200);

  registry.setRateLimit(2);
  const statuses = [];
  for (let i = 0; i < 4; i++) statuses.push((await call(registry.url, '/v2/')).status);
  t.deepEqual(statuses, [200, 200, 429, 429]);
  const limited = await call(registry.url, '/v2/');
  t.deepEqual(limited.codes, ['TOOMANYREQUESTS']);
  t.is(limited.headers.get('retry-after'), '1');
  await manual.advance(500);
  t.is((await call(registry.url, '/v2/')).status, 200);
  registry.setRateLimit(undefined);
  t.is((await call(registry.url, '/v2/')).status, 200);
});

test('content survives a restart on the same data dir; temp files of interrupted writes are ignored', async (t) => {
  await using dir = await tempDir();
  const first = await startRegistry({ dataDir: dir.path, clock });
  const { digest } = await pushImage({ registry: first.url, repository: 'kept/app', tag: 'v1', clock });
  const started = await call(first.url, '/v2/kept/app/blobs/uploads/', { method: 'POST' });
  const uuid = started.headers.get('docker-upload-uuid');
  await call(first.url, `/v2/kept/app/blobs/uploads/${uuid}`, { method: 'PATCH', body: 'partial' });
  await first.close();

  await using second = await startRegistry({ dataDir: dir.path, clock });
  const { writeFile } = await import('node:fs/promises');
  await writeFile(`${dir.path}/repositories/kept/app/_manifests/tags/.tmp-crashed`, 'garbage');
  const head = await call(second.url, '/v2/kept/app/manifests/v1', { method: 'HEAD' });
  t.is(head.headers.get('docker-content-digest'), digest);
  t.deepEqual(JSON.parse((await call(second.url, '/v2/kept/app/tags/list')).text), { name: 'kept/app', tags: ['v1'] });
  const status = await call(second.url, `/v2/kept/app/blobs/uploads/${uuid}`);
  t.is(status.status, 204);
  t.is(status.headers.get('range'), '0-6');
});

test('the image maker builds a valid gzip tar layer and a deterministic image', async (t) => {
  const options = { name: 'app:v1', created: '2026-01-01T00:00:00Z', labels: { crash: 'true' } };
  const image = buildImage(options);
  t.deepEqual(buildImage(options), image);
  t.is(image.layer.digest, sha256(image.layer.bytes));
  const { execa } = await import('execa');
  await using dir = await tempDir();
  const { writeFile } = await import('node:fs/promises');
  await writeFile(`${dir.path}/layer.tar.gz`, image.layer.bytes);
  const listing = await execa('tar', ['-tzvf', `${dir.path}/layer.tar.gz`]);
  t.regex(listing.stdout, /gitops-sandbox\/image\.json/);
  const config = JSON.parse(Buffer.from(image.config.bytes).toString()) as {
    config: { Labels: Record<string, string> };
    rootfs: { diff_ids: string[] };
  };
  t.deepEqual(config.config.Labels, { crash: 'true' });
  t.deepEqual(config.rootfs.diff_ids, [image.layer.diffId]);
});

test('concurrent pushes of the same blobs and many tags lose nothing', async (t) => {
  await using dir = await tempDir();
  await using registry = await startRegistry({ dataDir: dir.path, clock });
  const tags = Array.from({ length: 12 }, (_, i) => `t${String(i).padStart(2, '0')}`);
  // Same created time and labels: every push shares one layer name but its own tag, all racing.
  await Promise.all(
    tags.map((tag) =>
      pushImage({ registry: registry.url, repository: 'race/app', tag, created: '2026-01-01T00:00:00Z', clock }),
    ),
  );
  const listed = JSON.parse((await call(registry.url, '/v2/race/app/tags/list')).text) as { tags: string[] };
  t.deepEqual(listed.tags, tags);
});

test('aborting the start signal closes the registry', async (t) => {
  await using dir = await tempDir();
  const controller = new AbortController();
  const registry = await startRegistry({ dataDir: dir.path, clock, signal: controller.signal });
  t.is((await call(registry.url, '/v2/')).status, 200);
  controller.abort();
  await registry.close();
  await t.throwsAsync(fetch(`http://${registry.url}/v2/`));
});
