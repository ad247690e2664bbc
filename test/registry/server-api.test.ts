import test from 'ava';
import { sha256 } from '../../src/registry/digest.ts';
import { buildImage, MediaType } from '../../src/registry/index.ts';
import { type Target, targets } from './helpers/targets.ts';

// The raw OCI distribution API, asserted the same way against ours and the reference registry (distribution 2.8),
// so every expectation here is one the reference meets too. Embedded-only checks live in server-embedded.test.ts.

async function call(target: Target, path: string, init: RequestInit = {}) {
  const response = await fetch(path.startsWith('http') ? path : `http://${target.url}${path}`, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

function codes(json: unknown): string[] {
  return ((json as { errors?: { code: string }[] })?.errors ?? []).map((e) => e.code);
}

/** POST a session and PUT the whole blob with its digest, as every client can. */
async function uploadBlob(target: Target, name: string, data: Uint8Array): Promise<string> {
  const digest = sha256(data);
  const started = await call(target, `/v2/${name}/blobs/uploads/`, { method: 'POST' });
  const location = new URL(started.headers.get('location') ?? '', `http://${target.url}`);
  location.searchParams.set('digest', digest);
  const put = await call(target, location.href, { method: 'PUT', body: data });
  if (put.status !== 201) throw new Error(`upload failed: ${put.status} ${put.text}`);
  return digest;
}

async function pushBuilt(target: Target, name: string, tag: string, label = tag) {
  const image = buildImage({ name: `${name}:${tag}`, created: '2026-01-01T00:00:00Z', labels: { v: label } });
  await uploadBlob(target, name, image.layer.bytes);
  await uploadBlob(target, name, image.config.bytes);
  const put = await call(target, `/v2/${name}/manifests/${tag}`, {
    method: 'PUT',
    headers: { 'Content-Type': image.manifest.mediaType },
    body: image.manifest.bytes,
  });
  return { image, put };
}

for (const { kind, start } of targets) {
  test.serial(`${kind}: ping answers with the API version header`, async (t) => {
    await using target = await start();
    const ping = await call(target, '/v2/');
    t.is(ping.status, 200);
    t.is(ping.headers.get('docker-distribution-api-version'), 'registry/2.0');
  });

  test.serial(`${kind}: chunked uploads check order, report progress, verify the digest`, async (t) => {
    await using target = await start();
    const name = 'chunky/app';
    const data = Buffer.from('hello chunked world, in three parts');
    const digest = sha256(data);
    const started = await call(target, `/v2/${name}/blobs/uploads/`, { method: 'POST' });
    t.is(started.status, 202);
    t.truthy(started.headers.get('docker-upload-uuid'));
    const location = new URL(started.headers.get('location') ?? '', `http://${target.url}`).href;

    const first = await call(target, location, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': '0-9', 'Content-Length': '10' },
      body: data.subarray(0, 10),
    });
    t.is(first.status, 202);
    t.is(first.headers.get('range'), '0-9');
    const next = new URL(first.headers.get('location') ?? '', `http://${target.url}`).href;

    if (kind === 'embedded') {
      // The spec's 416 for a chunk that does not start where the upload ends; distribution 2.8 does not check.
      const outOfOrder = await call(target, next, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': '20-29', 'Content-Length': '10' },
        body: data.subarray(20, 30),
      });
      t.is(outOfOrder.status, 416);
      t.deepEqual(codes(outOfOrder.json), ['BLOB_UPLOAD_INVALID']);
    }

    const status = await call(target, next);
    t.is(status.status, 204);
    t.is(status.headers.get('range'), '0-9');

    const second = await call(target, next, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': '10-19', 'Content-Length': '10' },
      body: data.subarray(10, 20),
    });
    t.is(second.status, 202);
    t.is(second.headers.get('range'), '0-19');
    const finish = new URL(second.headers.get('location') ?? '', `http://${target.url}`);
    finish.searchParams.set('digest', digest);
    const done = await call(target, finish.href, { method: 'PUT', body: data.subarray(20) });
    t.is(done.status, 201);
    t.is(done.headers.get('docker-content-digest'), digest);
    t.regex(done.headers.get('location') ?? '', new RegExp(`/v2/${name}/blobs/${digest}$`));

    const head = await call(target, `/v2/${name}/blobs/${digest}`, { method: 'HEAD' });
    t.is(head.status, 200);
    t.is(head.headers.get('content-length'), String(data.length));
    t.is(head.headers.get('docker-content-digest'), digest);

    const ranged = await call(target, `/v2/${name}/blobs/${digest}`, { headers: { Range: 'bytes=6-12' } });
    t.is(ranged.status, 206);
    t.is(ranged.text, data.subarray(6, 13).toString());
  });

  test.serial(`${kind}: a wrong digest is DIGEST_INVALID, a cancelled upload is gone`, async (t) => {
    await using target = await start();
    const started = await call(target, '/v2/app/blobs/uploads/', { method: 'POST' });
    const location = new URL(started.headers.get('location') ?? '', `http://${target.url}`);
    location.searchParams.set('digest', sha256('something else'));
    const wrong = await call(target, location.href, { method: 'PUT', body: 'some content' });
    t.is(wrong.status, 400);
    t.deepEqual(codes(wrong.json), ['DIGEST_INVALID']);

    const again = await call(target, '/v2/app/blobs/uploads/', { method: 'POST' });
    const session = new URL(again.headers.get('location') ?? '', `http://${target.url}`).href;
    t.is((await call(target, session, { method: 'DELETE' })).status, 204);
    const gone = await call(target, session);
    t.is(gone.status, 404);
    t.deepEqual(codes(gone.json), ['BLOB_UPLOAD_UNKNOWN']);
  });

  test.serial(`${kind}: cross-repository mount answers 201 when the source has the blob, else 202`, async (t) => {
    await using target = await start();
    const digest = await uploadBlob(target, 'source/app', Buffer.from('shared layer'));
    const mounted = await call(target, `/v2/dest/app/blobs/uploads/?mount=${digest}&from=source/app`, {
      method: 'POST',
    });
    t.is(mounted.status, 201);
    t.is(mounted.headers.get('docker-content-digest'), digest);
    t.is((await call(target, `/v2/dest/app/blobs/${digest}`, { method: 'HEAD' })).status, 200);

    const missing = sha256('not anywhere');
    const fallback = await call(target, `/v2/dest/app/blobs/uploads/?mount=${missing}&from=source/app`, {
      method: 'POST',
    });
    t.is(fallback.status, 202);
    t.truthy(fallback.headers.get('docker-upload-uuid'));
  });

  test.serial(`${kind}: manifests by tag and digest, with blob checks and deletes`, async (t) => {
    await using target = await start();
    const name = 'team/service/api';
    const { image, put } = await pushBuilt(target, name, 'v1');
    t.is(put.status, 201);
    t.is(put.headers.get('docker-content-digest'), image.manifest.digest);
    t.regex(put.headers.get('location') ?? '', new RegExp(`/v2/${name}/manifests/${image.manifest.digest}$`));

    for (const ref of ['v1', image.manifest.digest]) {
      const got = await call(target, `/v2/${name}/manifests/${ref}`, { headers: { Accept: MediaType.ociManifest } });
      t.is(got.status, 200);
      t.is(got.headers.get('content-type'), MediaType.ociManifest);
      t.is(got.headers.get('docker-content-digest'), image.manifest.digest);
      t.is(got.text, Buffer.from(image.manifest.bytes).toString());
      const head = await call(target, `/v2/${name}/manifests/${ref}`, {
        method: 'HEAD',
        headers: { Accept: MediaType.ociManifest },
      });
      t.is(head.status, 200);
      t.is(head.headers.get('content-length'), String(image.manifest.bytes.length));
    }

    const missingBlobs = buildImage({ name: 'other', created: '2026-01-01T00:00:00Z' });
    const rejected = await call(target, `/v2/${name}/manifests/broken`, {
      method: 'PUT',
      headers: { 'Content-Type': missingBlobs.manifest.mediaType },
      body: missingBlobs.manifest.bytes,
    });
    t.is(rejected.status, 400);
    // One entry per missing blob (config and layer), as the reference registry lists them.
    t.deepEqual(codes(rejected.json), ['MANIFEST_BLOB_UNKNOWN', 'MANIFEST_BLOB_UNKNOWN']);

    const unknown = await call(target, `/v2/${name}/manifests/nope`, { headers: { Accept: MediaType.ociManifest } });
    t.is(unknown.status, 404);
    t.deepEqual(codes(unknown.json), ['MANIFEST_UNKNOWN']);

    const deleted = await call(target, `/v2/${name}/manifests/${image.manifest.digest}`, { method: 'DELETE' });
    t.is(deleted.status, 202);
    const afterDelete = await call(target, `/v2/${name}/manifests/v1`, { headers: { Accept: MediaType.ociManifest } });
    t.is(afterDelete.status, 404);
  });

  test.serial(`${kind}: an index and a Docker manifest list round-trip with their content types`, async (t) => {
    await using target = await start();
    const name = 'multi';
    const { image } = await pushBuilt(target, name, 'amd64');
    const descriptor = {
      mediaType: image.manifest.mediaType,
      digest: image.manifest.digest,
      size: image.manifest.bytes.length,
      platform: { os: 'linux', architecture: 'amd64' },
    };
    for (const mediaType of [MediaType.ociIndex, MediaType.dockerManifestList]) {
      const body = JSON.stringify({ schemaVersion: 2, mediaType, manifests: [descriptor] });
      const tag = mediaType === MediaType.ociIndex ? 'oci' : 'docker';
      const put = await call(target, `/v2/${name}/manifests/${tag}`, {
        method: 'PUT',
        headers: { 'Content-Type': mediaType },
        body,
      });
      t.is(put.status, 201, put.text);
      t.is(put.headers.get('docker-content-digest'), sha256(body));
      const got = await call(target, `/v2/${name}/manifests/${tag}`, { headers: { Accept: mediaType } });
      t.is(got.headers.get('content-type'), mediaType);
      t.is(got.text, body);
    }
  });

  test.serial(`${kind}: tags and catalog paginate with n, last and Link`, async (t) => {
    await using target = await start();
    for (const tag of ['c', 'a', 'b']) await pushBuilt(target, 'paged', tag);
    await pushBuilt(target, 'another/repo', 'x');
    const all = await call(target, '/v2/paged/tags/list');
    // Without n the reference answers in storage order; the spec's lexical order is only promised for pages.
    t.deepEqual((all.json as { tags: string[] }).tags.sort(), ['a', 'b', 'c']);

    if (kind === 'embedded') {
      // Tag pagination arrived in distribution 3; the 2.8 reference ignores n and last on tags/list.
      const first = await call(target, '/v2/paged/tags/list?n=2');
      t.deepEqual((first.json as { tags: string[] }).tags, ['a', 'b']);
      const link = first.headers.get('link') ?? '';
      const next = link.match(/^<([^>]+)>; rel="next"$/)?.[1];
      t.truthy(next, link);
      const second = await call(target, next ?? '');
      t.deepEqual((second.json as { tags: string[] }).tags, ['c']);
      t.is(second.headers.get('link'), null);
    }

    const catalog = await call(target, '/v2/_catalog?n=1');
    t.deepEqual(catalog.json, { repositories: ['another/repo'] });
    t.regex(catalog.headers.get('link') ?? '', /^<\/v2\/_catalog\?.*last=another%2Frepo.*>; rel="next"$/);

    const unknown = await call(target, '/v2/never/pushed/tags/list');
    t.is(unknown.status, 404);
    t.deepEqual(codes(unknown.json), ['NAME_UNKNOWN']);
  });

  test.serial(`${kind}: an invalid repository name is NAME_INVALID, an unknown blob BLOB_UNKNOWN`, async (t) => {
    await using target = await start();
    const invalid = await call(target, '/v2/Upper/Case/tags/list');
    t.true(invalid.status === 400 || invalid.status === 404);
    const blob = await call(target, `/v2/app/blobs/${sha256('none')}`);
    t.is(blob.status, 404);
    t.deepEqual(codes(blob.json), ['BLOB_UNKNOWN']);
  });

  test.serial(`${kind}: basic auth challenges anonymous requests and accepts the right password`, async (t) => {
    await using target = await start({ auth: { username: 'alice', password: 's3cret' } });
    const anonymous = await call(target, '/v2/');
    t.is(anonymous.status, 401);
    t.regex(anonymous.headers.get('www-authenticate') ?? '', /^Basic realm="[^"]+"/);
    t.deepEqual(codes(anonymous.json), ['UNAUTHORIZED']);
    const header = (user: string, password: string) => ({
      Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
    });
    t.is((await call(target, '/v2/', { headers: header('alice', 'wrong') })).status, 401);
    t.is((await call(target, '/v2/', { headers: header('alice', 's3cret') })).status, 200);
  });
}
