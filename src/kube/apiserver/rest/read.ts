import type { KubeObject } from '../../object.ts';
import { badRequest, expired } from '../api-error.ts';
import { groupVersion, type ResourceType } from '../resources/resource-type.ts';
import type { ApiContext } from './api-context.ts';
import { objectFilter } from './filter.ts';
import { current } from './update.ts';

export function get(ctx: ApiContext, type: ResourceType, namespace: string | undefined, name: string): KubeObject {
  return asVersion(type, current(ctx, type, namespace, name));
}

export interface ListResult {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: KubeObject[];
}

interface ContinueToken {
  /** The store revision of the first page; later pages are served from the live store, as of today. */
  rv: number;
  /** The key of the last item returned. */
  start: string;
}

/**
 * A list with label/field selectors and limit/continue paging. Items come sorted by namespace/name, as etcd returns
 * them. A continue token older than the watch history is 410 Expired, so clients restart the list.
 */
export function list(
  ctx: ApiContext,
  type: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
): ListResult {
  const matches = objectFilter(type, query.get('labelSelector'), query.get('fieldSelector'));
  const limit = parseLimit(query.get('limit'));
  const token = parseContinue(query.get('continue'));
  if (token && token.rv < ctx.store.oldestWatchableRevision) {
    throw expired(
      'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results.',
    );
  }
  const all = ctx.store.list(ctx.types.storageKey(type), type.namespaced ? namespace : undefined);
  const items: KubeObject[] = [];
  let remaining = 0;
  let last: string | undefined;
  for (const object of all) {
    const key = keyOf(object);
    if (token && key <= token.start) continue;
    if (!matches(object)) continue;
    if (limit !== undefined && items.length >= limit) {
      remaining++;
      continue;
    }
    items.push(asVersion(type, object));
    last = key;
  }
  const revision = token?.rv ?? ctx.store.revision;
  const metadata: ListResult['metadata'] = { resourceVersion: String(revision) };
  if (remaining > 0 && last !== undefined) {
    metadata.continue = Buffer.from(JSON.stringify({ rv: revision, start: last } satisfies ContinueToken)).toString(
      'base64url',
    );
    metadata.remainingItemCount = remaining;
  }
  return { apiVersion: groupVersion(type), kind: type.listKind, metadata, items };
}

/** Custom resources are stored in one version and served in each (conversion strategy None). */
export function asVersion(type: ResourceType, object: KubeObject): KubeObject {
  const apiVersion = groupVersion(type);
  return object.apiVersion === apiVersion ? object : { ...object, apiVersion };
}

export function keyOf(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

function parseLimit(value: string | null): number | undefined {
  if (value === null || value === '' || value === '0') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw badRequest(`limit: Invalid value: "${value}": must be a non-negative integer`);
  return n;
}

function parseContinue(value: string | null): ContinueToken | undefined {
  if (!value) return undefined;
  try {
    const token = JSON.parse(Buffer.from(value, 'base64url').toString()) as ContinueToken;
    if (typeof token.rv === 'number' && typeof token.start === 'string') return token;
  } catch {
    // fall through to the error below
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}
