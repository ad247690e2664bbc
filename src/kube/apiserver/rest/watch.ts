import type { KubeObject } from '../../object.ts';
import { type ApiError, badRequest, expired } from '../api-error.ts';
import { groupVersion, type ResourceType } from '../resources/resource-type.ts';
import type { StoreEvent } from '../storage/watch-event.ts';
import type { ApiContext } from './api-context.ts';
import { objectFilter } from './filter.ts';
import { asVersion } from './read.ts';

export type WatchEvent =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; object: KubeObject }
  | { type: 'ERROR'; object: Record<string, unknown> };

/** How often a watch with allowWatchBookmarks gets a BOOKMARK (the real server sends about one a minute). */
const BOOKMARK_INTERVAL_MS = 60_000;

/**
 * A watch, as the API server's watch cache serves it: an initial state (synthetic ADDED events, or the history
 * after a resourceVersion), then live changes, filtered by namespace and selectors — an object that starts or
 * stops matching a selector arrives as ADDED or DELETED. Too old a resourceVersion ends with an ERROR event
 * carrying 410 Expired, so clients relist. Events are pushed to `emit` until `signal` aborts.
 */
export function watch(
  ctx: ApiContext,
  type: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
  emit: (event: WatchEvent) => void,
  signal: AbortSignal,
): void {
  const matches = objectFilter(type, query.get('labelSelector'), query.get('fieldSelector'));
  const resource = ctx.types.storageKey(type);
  const scope = type.namespaced ? namespace : undefined;
  const inScope = (o: KubeObject) => scope === undefined || o.metadata.namespace === scope;
  const bookmarks = query.get('allowWatchBookmarks') === 'true';
  const resourceVersion = query.get('resourceVersion') ?? '';
  const streamingList = query.get('sendInitialEvents') === 'true';
  if (streamingList && query.get('resourceVersionMatch') !== 'NotOlderThan') {
    throw badRequest(
      "sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to 'NotOlderThan'",
    );
  }

  const deliver = (event: StoreEvent) => {
    const now = inScope(event.object) && matches(event.object);
    const before = event.previous !== undefined && inScope(event.previous) && matches(event.previous);
    const type_ = translate(event.type, before, now);
    if (type_) emit({ type: type_, object: asVersion(type, event.object) });
  };

  if (streamingList || resourceVersion === '' || resourceVersion === '0') {
    for (const object of ctx.store.list(resource, scope))
      if (matches(object)) emit({ type: 'ADDED', object: asVersion(type, object) });
    if (streamingList) {
      emit({ type: 'BOOKMARK', object: bookmark(type, ctx.store.revision, true) });
    }
  } else {
    const since = Number(resourceVersion);
    if (!Number.isInteger(since) || since < 0) {
      throw badRequest(`resourceVersion: Invalid value: "${resourceVersion}": must be a non-negative integer`);
    }
    const missed = ctx.store.eventsSince(resource, since);
    if (!missed) {
      const error: ApiError = expired(`too old resource version: ${since} (${ctx.store.oldestWatchableRevision})`);
      emit({ type: 'ERROR', object: error.toStatus() });
      return;
    }
    for (const event of missed) deliver(event);
  }

  // Subscribing in the same tick as the replay leaves no gap: store writes are synchronous.
  const unsubscribe = ctx.store.subscribe((event) => {
    if (event.resource === resource) deliver(event);
  });
  let cancelBookmark = () => {};
  const scheduleBookmark = () => {
    cancelBookmark = ctx.clock.setTimer(BOOKMARK_INTERVAL_MS, () => {
      emit({ type: 'BOOKMARK', object: bookmark(type, ctx.store.revision, false) });
      scheduleBookmark();
    });
  };
  if (bookmarks) scheduleBookmark();
  signal.addEventListener(
    'abort',
    () => {
      unsubscribe();
      cancelBookmark();
    },
    { once: true },
  );
}

function translate(
  type: StoreEvent['type'],
  matchedBefore: boolean,
  matchesNow: boolean,
): 'ADDED' | 'MODIFIED' | 'DELETED' | undefined {
  if (type === 'ADDED') return matchesNow ? 'ADDED' : undefined;
  if (type === 'DELETED') return matchedBefore || matchesNow ? 'DELETED' : undefined;
  if (matchedBefore && matchesNow) return 'MODIFIED';
  if (matchesNow) return 'ADDED';
  if (matchedBefore) return 'DELETED';
  return undefined;
}

function bookmark(type: ResourceType, revision: number, initialEventsEnd: boolean): KubeObject {
  return {
    kind: type.kind,
    apiVersion: groupVersion(type),
    metadata: {
      resourceVersion: String(revision),
      ...(initialEventsEnd ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {}),
    },
  };
}
