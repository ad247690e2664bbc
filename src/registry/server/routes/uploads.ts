import { rm } from 'node:fs/promises';
import { checkDigest } from '../../digest.ts';
import { isRepositoryName } from '../../reference.ts';
import type { UploadSession } from '../../storage/upload-store.ts';
import { type Route, type RouteContext, sendEmpty } from '../context.ts';
import { DistributionHttpError } from '../errors.ts';

/**
 * POST /v2/<name>/blobs/uploads/: a cross-repository mount (`?mount=&from=`, 201, or 202 with a session when the
 * source has no such blob), a monolithic upload (`?digest=` with the body, 201), or a new session (202).
 */
export const startUpload: Route = async (context) => {
  const { url, name, repositories, blobs, uploads, req } = context;
  const mount = url.searchParams.get('mount');
  const from = url.searchParams.get('from');
  if (mount && from && checkDigest(mount).ok && isRepositoryName(from)) {
    if ((await repositories.hasBlob(from, mount)) && (await blobs.size(mount)) !== undefined) {
      await repositories.linkBlob(name, mount);
      return created(context, mount);
    }
  }
  const digest = url.searchParams.get('digest');
  if (digest !== null) {
    const check = checkDigest(digest);
    if (!check.ok) throw new DistributionHttpError('DIGEST_INVALID', { message: check.reason, detail: { digest } });
    const received = await uploads.receive(req, check.algorithm);
    if (received.digest !== digest) {
      await rm(received.file, { force: true });
      throw digestMismatch(digest, received.digest);
    }
    await blobs.adopt(digest, received.file);
    await repositories.linkBlob(name, digest);
    return created(context, digest);
  }
  let session = await uploads.create(name);
  if (hasBody(context)) session = { ...session, size: await uploads.append(session.uuid, req) };
  sendSessionState(context, session, 202);
};

/** GET /v2/<name>/blobs/uploads/<uuid>: how many bytes the session holds. */
export const uploadStatus: Route = async (context) => {
  sendSessionState(context, await sessionOf(context), 204);
};

/** PATCH /v2/<name>/blobs/uploads/<uuid>: appends a chunk; with Content-Range it must start where the last ended. */
export const patchUpload: Route = async (context) => {
  const session = await sessionOf(context);
  checkContentRange(context, session);
  const size = await context.uploads.append(session.uuid, context.req);
  sendSessionState(context, { ...session, size }, 202);
};

/** PUT /v2/<name>/blobs/uploads/<uuid>?digest=: takes an optional last chunk, verifies the digest, stores the blob. */
export const finishUpload: Route = async (context) => {
  const { url, uploads, blobs, repositories, name, req } = context;
  const session = await sessionOf(context);
  const digest = url.searchParams.get('digest');
  if (digest === null) {
    throw new DistributionHttpError('DIGEST_INVALID', { message: 'digest query parameter is required to finish' });
  }
  const check = checkDigest(digest);
  if (!check.ok) throw new DistributionHttpError('DIGEST_INVALID', { message: check.reason, detail: { digest } });
  if (hasBody(context)) {
    checkContentRange(context, session);
    await uploads.append(session.uuid, req);
  }
  const verified = await uploads.verify(session.uuid, digest);
  if (!verified.ok) {
    await uploads.delete(session.uuid);
    throw digestMismatch(digest, verified.actual);
  }
  await blobs.adopt(digest, verified.file);
  await repositories.linkBlob(name, digest);
  await uploads.delete(session.uuid);
  created(context, digest);
};

/** DELETE /v2/<name>/blobs/uploads/<uuid>: cancels the session. */
export const cancelUpload: Route = async (context) => {
  const session = await sessionOf(context);
  await context.uploads.delete(session.uuid);
  sendEmpty(context.res, 204);
};

async function sessionOf(context: RouteContext): Promise<UploadSession> {
  const session = await context.uploads.get(context.reference);
  if (!session || session.repository !== context.name) {
    throw new DistributionHttpError('BLOB_UPLOAD_UNKNOWN', { detail: { uuid: context.reference } });
  }
  return session;
}

function checkContentRange(context: RouteContext, session: UploadSession): void {
  const header = context.req.headers['content-range'];
  if (header === undefined) return;
  const match = header.match(/^(?:bytes[= ])?(\d+)-(\d+)(?:\/(?:\d+|\*))?$/);
  if (!match) {
    throw new DistributionHttpError('BLOB_UPLOAD_INVALID', {
      status: 416,
      message: `Content-Range "${header}" is not start-end`,
    });
  }
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (start !== session.size || end < start) {
    throw new DistributionHttpError('BLOB_UPLOAD_INVALID', {
      status: 416,
      message: `chunk ${start}-${end} is out of order: the upload holds ${session.size} bytes, so the next chunk starts at ${session.size}`,
      headers: rangeHeaders(context, session),
    });
  }
  const length = context.req.headers['content-length'];
  if (length !== undefined && Number(length) !== end - start + 1) {
    throw new DistributionHttpError('SIZE_INVALID', {
      message: `Content-Length ${length} does not match Content-Range ${start}-${end}`,
    });
  }
}

function hasBody(context: RouteContext): boolean {
  const { headers } = context.req;
  return Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
}

function rangeHeaders(context: RouteContext, session: UploadSession): Record<string, string> {
  return {
    Location: `/v2/${context.name}/blobs/uploads/${session.uuid}`,
    Range: `0-${Math.max(0, session.size - 1)}`,
    'Docker-Upload-UUID': session.uuid,
  };
}

function sendSessionState(context: RouteContext, session: UploadSession, status: number): void {
  sendEmpty(context.res, status, rangeHeaders(context, session));
}

function created(context: RouteContext, digest: string): void {
  sendEmpty(context.res, 201, { Location: `/v2/${context.name}/blobs/${digest}`, 'Docker-Content-Digest': digest });
}

function digestMismatch(expected: string, actual: string): DistributionHttpError {
  return new DistributionHttpError('DIGEST_INVALID', {
    message: `provided digest ${expected} did not match uploaded content (${actual})`,
    detail: { digest: expected },
  });
}
