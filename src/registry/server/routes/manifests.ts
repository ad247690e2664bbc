import { checkDigest, digestOf } from '../../digest.ts';
import { imageManifestTypes, indexManifestTypes, MediaType, manifestTypes } from '../../media-types.ts';
import { isTag } from '../../reference.ts';
import { type Route, type RouteContext, readBody, sendEmpty } from '../context.ts';
import { DistributionHttpError } from '../errors.ts';

/** Manifests larger than this are refused, as the spec allows above 4 MiB. */
const manifestLimit = 4 * 1024 * 1024;

interface Descriptor {
  mediaType?: string;
  digest?: string;
  size?: number;
  urls?: string[];
  platform?: { os?: string; architecture?: string };
}

interface ManifestBody {
  schemaVersion?: number;
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
}

/** HEAD/GET /v2/<name>/manifests/<tag|digest>, answering in a type the client's Accept header allows. */
export const getManifest: Route = async (context) => {
  const { req, res, name, repositories, blobs } = context;
  const digest = await resolve(context);
  let served = { digest, mediaType: (await repositories.manifestType(name, digest)) ?? '' };
  const accepts = parseAccept(req.headers.accept);
  if (!acceptable(accepts, served.mediaType)) {
    // Like the reference registry: a client that cannot read an index gets the linux/amd64 image from it.
    const fallback = indexManifestTypes.includes(served.mediaType) ? await platformChild(context, digest) : undefined;
    if (!fallback || !acceptable(accepts, fallback.mediaType)) {
      throw new DistributionHttpError('MANIFEST_UNKNOWN', {
        message: `manifest ${context.reference} in ${name} is ${served.mediaType}, which the Accept header does not allow`,
        detail: { reference: context.reference, mediaType: served.mediaType },
      });
    }
    served = fallback;
  }
  const body = await blobs.readText(served.digest);
  if (body === undefined) throw manifestUnknown(context);
  res.writeHead(200, {
    'Content-Type': served.mediaType,
    'Content-Length': Buffer.byteLength(body),
    'Docker-Content-Digest': served.digest,
    ETag: `"${served.digest}"`,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
};

/** PUT /v2/<name>/manifests/<tag|digest>: validates the manifest and that everything it references is here. */
export const putManifest: Route = async (context) => {
  const { req, name, reference, repositories, blobs } = context;
  const byDigest = reference.includes(':');
  if (!byDigest && !isTag(reference)) throw invalid(`"${reference}" is neither a valid tag nor a digest`);
  const body = await readBody(req, manifestLimit);
  if (body === undefined) {
    throw new DistributionHttpError('SIZE_INVALID', { status: 413, message: 'manifests are limited to 4 MiB' });
  }
  let manifest: ManifestBody;
  try {
    manifest = JSON.parse(body.toString('utf8')) as ManifestBody;
  } catch {
    throw invalid('the manifest is not valid JSON');
  }
  if (typeof manifest !== 'object' || manifest === null) throw invalid('the manifest is not a JSON object');
  const mediaType = manifestMediaType(manifest, req.headers['content-type']);
  if (manifest.schemaVersion !== 2) throw invalid('schemaVersion must be 2');
  await checkReferences(context, manifest, mediaType);

  const digest = digestOf(body, byDigest ? reference : 'sha256:');
  if (byDigest && digest !== reference) {
    throw new DistributionHttpError('DIGEST_INVALID', {
      message: `manifest digest ${digest} does not match ${reference} in the URL`,
      detail: { digest: reference },
    });
  }
  await blobs.putBytes(digest, body);
  await repositories.putManifest(name, digest, mediaType);
  if (!byDigest) {
    await repositories.setTag(name, reference, digest);
    context.emitTag({ repository: name, tag: reference, digest });
  }
  sendEmpty(context.res, 201, { Location: `/v2/${name}/manifests/${digest}`, 'Docker-Content-Digest': digest });
};

/** DELETE by digest removes the manifest and its tags; DELETE by tag removes only the tag. */
export const deleteManifest: Route = async (context) => {
  const { name, reference, repositories } = context;
  const deleted = reference.includes(':')
    ? await repositories.deleteManifest(name, reference)
    : await repositories.deleteTag(name, reference);
  if (!deleted) throw manifestUnknown(context);
  sendEmpty(context.res, 202);
};

async function resolve(context: RouteContext): Promise<string> {
  const { name, reference, repositories } = context;
  if (!(await repositories.exists(name))) {
    throw new DistributionHttpError('NAME_UNKNOWN', { detail: { name } });
  }
  if (reference.includes(':')) {
    const check = checkDigest(reference);
    if (!check.ok) throw new DistributionHttpError('DIGEST_INVALID', { message: check.reason });
    if ((await repositories.manifestType(name, reference)) === undefined) throw manifestUnknown(context);
    return reference;
  }
  const digest = isTag(reference) ? await repositories.getTag(name, reference) : undefined;
  if (digest === undefined || (await repositories.manifestType(name, digest)) === undefined) {
    throw manifestUnknown(context);
  }
  return digest;
}

function manifestMediaType(manifest: ManifestBody, contentType: string | undefined): string {
  const header = contentType?.split(';')[0]?.trim();
  const declared = typeof manifest.mediaType === 'string' ? manifest.mediaType : undefined;
  if (declared && header && manifestTypes.includes(header) && header !== declared) {
    throw invalid(`Content-Type ${header} does not match the manifest's mediaType ${declared}`);
  }
  const type =
    declared ??
    (header && manifestTypes.includes(header) ? header : undefined) ??
    (Array.isArray(manifest.manifests) ? MediaType.ociIndex : manifest.config ? MediaType.ociManifest : undefined);
  if (type?.startsWith('application/vnd.docker.distribution.manifest.v1')) {
    throw new DistributionHttpError('UNSUPPORTED', {
      status: 400,
      message: 'Docker schema 1 manifests are not supported; push a schema 2 or OCI manifest',
    });
  }
  if (!type || !manifestTypes.includes(type)) throw invalid(`unsupported manifest media type ${type ?? '(none)'}`);
  return type;
}

async function checkReferences(context: RouteContext, manifest: ManifestBody, mediaType: string): Promise<void> {
  const { name, repositories, blobs } = context;
  if (imageManifestTypes.includes(mediaType)) {
    if (!manifest.config || !Array.isArray(manifest.layers)) throw invalid('an image manifest needs config and layers');
    const missing: string[] = [];
    for (const descriptor of [manifest.config, ...manifest.layers]) {
      const digest = descriptorDigest(descriptor);
      // Foreign (non-distributable) layers live elsewhere, named by their urls.
      if (descriptor.urls && descriptor.urls.length > 0) continue;
      const present = (await repositories.hasBlob(name, digest)) && (await blobs.size(digest)) !== undefined;
      if (!present) missing.push(digest);
    }
    if (missing.length > 0) throw blobsUnknown(missing);
    return;
  }
  if (!Array.isArray(manifest.manifests)) throw invalid('an index needs a manifests array');
  const missing: string[] = [];
  for (const descriptor of manifest.manifests) {
    const digest = descriptorDigest(descriptor);
    if ((await repositories.manifestType(name, digest)) === undefined) missing.push(digest);
  }
  if (missing.length > 0) throw blobsUnknown(missing);
}

function descriptorDigest(descriptor: Descriptor): string {
  const digest = descriptor?.digest;
  if (typeof digest !== 'string' || !checkDigest(digest).ok) throw invalid(`descriptor digest "${digest}" is invalid`);
  return digest;
}

async function platformChild(
  context: RouteContext,
  digest: string,
): Promise<{ digest: string; mediaType: string } | undefined> {
  const text = await context.blobs.readText(digest);
  const index = text ? (JSON.parse(text) as ManifestBody) : undefined;
  const child = index?.manifests?.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64');
  if (!child?.digest) return undefined;
  const mediaType = await context.repositories.manifestType(context.name, child.digest);
  return mediaType ? { digest: child.digest, mediaType } : undefined;
}

function parseAccept(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part) => part.split(';')[0]?.trim() ?? '')
    .filter((type) => type !== '');
}

function acceptable(accepts: string[], mediaType: string): boolean {
  return accepts.length === 0 || accepts.some((a) => a === mediaType || a === '*/*' || a === 'application/*');
}

function manifestUnknown(context: RouteContext): DistributionHttpError {
  const key = context.reference.includes(':') ? 'digest' : 'tag';
  return new DistributionHttpError('MANIFEST_UNKNOWN', {
    message: `manifest unknown: ${context.name}${key === 'tag' ? ':' : '@'}${context.reference}`,
    detail: { [key]: context.reference },
  });
}

/** One MANIFEST_BLOB_UNKNOWN entry per missing blob or manifest, as the reference registry answers. */
function blobsUnknown(digests: string[]): DistributionHttpError {
  const [first, ...rest] = digests.map((digest) => ({
    code: 'MANIFEST_BLOB_UNKNOWN' as const,
    message: `manifest references ${digest}, which is not in this repository; push it first`,
    detail: { digest },
  }));
  return new DistributionHttpError('MANIFEST_BLOB_UNKNOWN', { ...first, also: rest });
}

function invalid(message: string): DistributionHttpError {
  return new DistributionHttpError('MANIFEST_INVALID', { message: `manifest invalid: ${message}` });
}
