import { isRepositoryName } from '../reference.ts';
import type { Route } from './context.ts';
import { DistributionHttpError } from './errors.ts';
import { deleteBlob, getBlob } from './routes/blobs.ts';
import { listRepositories, ping } from './routes/catalog.ts';
import { deleteManifest, getManifest, putManifest } from './routes/manifests.ts';
import { listTags } from './routes/tags.ts';
import { cancelUpload, finishUpload, patchUpload, startUpload, uploadStatus } from './routes/uploads.ts';

type Methods = Partial<Record<string, Route>>;

/** Paths are matched from their end, because repository names may hold any number of `/`. */
const table: { pattern: RegExp; methods: Methods }[] = [
  { pattern: /^\/v2\/?$/, methods: { GET: ping, HEAD: ping } },
  { pattern: /^\/v2\/_catalog$/, methods: { GET: listRepositories } },
  { pattern: /^\/v2\/(.+)\/tags\/list$/, methods: { GET: listTags } },
  {
    pattern: /^\/v2\/(.+)\/manifests\/([^/]+)$/,
    methods: { GET: getManifest, HEAD: getManifest, PUT: putManifest, DELETE: deleteManifest },
  },
  { pattern: /^\/v2\/(.+)\/blobs\/uploads\/?$/, methods: { POST: startUpload } },
  {
    pattern: /^\/v2\/(.+)\/blobs\/uploads\/([^/]+)$/,
    methods: { GET: uploadStatus, PATCH: patchUpload, PUT: finishUpload, DELETE: cancelUpload },
  },
  { pattern: /^\/v2\/(.+)\/blobs\/([^/]+)$/, methods: { GET: getBlob, HEAD: getBlob, DELETE: deleteBlob } },
];

export interface Matched {
  route: Route;
  name: string;
  reference: string;
}

/** Finds the handler for a request, or throws the spec's error (404 NAME_UNKNOWN-free: unknown paths are 404). */
export function matchRoute(method: string, pathname: string): Matched {
  for (const { pattern, methods } of table) {
    const match = pathname.match(pattern);
    if (!match) continue;
    const name = match[1] ?? '';
    const route = methods[method];
    if (!route) {
      throw new DistributionHttpError('UNSUPPORTED', {
        message: `${method} is not supported on ${pathname}`,
        headers: { Allow: Object.keys(methods).join(', ') },
      });
    }
    if (match[1] !== undefined && !isRepositoryName(name)) {
      throw new DistributionHttpError('NAME_INVALID', {
        message: `invalid repository name "${name}": lowercase path components of letters, digits and . _ -`,
        detail: { name },
      });
    }
    return { route, name, reference: decodeURIComponent(match[2] ?? '') };
  }
  throw new DistributionHttpError('UNSUPPORTED', { status: 404, message: `no such endpoint: ${pathname}` });
}
