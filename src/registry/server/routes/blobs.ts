import { pipeline } from 'node:stream/promises';
import { checkDigest } from '../../digest.ts';
import { type Route, sendEmpty } from '../context.ts';
import { DistributionHttpError } from '../errors.ts';

/** HEAD/GET /v2/<name>/blobs/<digest>: only blobs linked into this repository are visible through it. */
export const getBlob: Route = async (context) => {
  const { req, res, name, reference: digest } = context;
  const size = await linkedBlobSize(context, digest);
  const headers = {
    'Docker-Content-Digest': digest,
    ETag: `"${digest}"`,
    'Cache-Control': 'max-age=31536000',
    'Accept-Ranges': 'bytes',
    'Content-Type': 'application/octet-stream',
  };
  const range = parseRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    throw new DistributionHttpError('BLOB_UNKNOWN', {
      status: 416,
      message: `requested range not satisfiable for blob ${digest} of ${size} bytes in ${name}`,
      headers: { 'Content-Range': `bytes */${size}` },
    });
  }
  if (range === undefined) {
    res.writeHead(200, { ...headers, 'Content-Length': size });
    if (req.method === 'HEAD' || size === 0) return void res.end();
    await pipeline(context.blobs.open(digest), res);
    return;
  }
  res.writeHead(206, {
    ...headers,
    'Content-Length': range.end - range.start + 1,
    'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
  });
  if (req.method === 'HEAD') return void res.end();
  await pipeline(context.blobs.open(digest, range), res);
};

/** DELETE /v2/<name>/blobs/<digest>: unlinks the blob from the repository (content is shared, so it stays). */
export const deleteBlob: Route = async (context) => {
  await linkedBlobSize(context, context.reference);
  await context.repositories.unlinkBlob(context.name, context.reference);
  sendEmpty(context.res, 202, { 'Docker-Content-Digest': context.reference });
};

async function linkedBlobSize(context: Parameters<Route>[0], digest: string): Promise<number> {
  const check = checkDigest(digest);
  if (!check.ok) throw new DistributionHttpError('DIGEST_INVALID', { message: check.reason, detail: { digest } });
  const size = (await context.repositories.hasBlob(context.name, digest))
    ? await context.blobs.size(digest)
    : undefined;
  if (size === undefined) throw new DistributionHttpError('BLOB_UNKNOWN', { detail: { digest } });
  return size;
}

/** A single `bytes=` range (start-end, start-, or -suffix); multi-range requests are served whole. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  const match = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  let start: number;
  let end: number;
  if (first === '') {
    start = Math.max(0, size - Number(last));
    end = size - 1;
  } else {
    start = Number(first);
    end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}
