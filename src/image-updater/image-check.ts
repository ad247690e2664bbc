import type { ClusterClient } from '../reconciler/cluster/index.ts';
import { type ImageReference, RegistryError } from '../registry/index.ts';
import type { ImageSettings } from './annotations/image-settings.ts';
import type { UpdaterLog } from './log.ts';
import type { RegistryBackoff } from './registry/backoff.ts';
import type { BuildDates } from './registry/build-dates.ts';
import { resolveCredentials } from './registry/credentials.ts';
import type { RegistryPool } from './registry/registry-pool.ts';
import { chooseTag, type TagCandidate } from './strategy/choose.ts';
import { filterTags } from './strategy/tag-filter.ts';
import type { ImageChange } from './write-back/change.ts';

export type ImageDecision =
  | { kind: 'update'; change: ImageChange }
  | { kind: 'current' }
  | { kind: 'skip'; reason: string }
  | { kind: 'error'; message: string };

/** Shared by every image of one cycle: tag lists and build dates are fetched once per repository and tag. */
export interface CycleCache {
  tags: Map<string, Promise<string[]>>;
  created: Map<string, Promise<number | undefined>>;
}

export interface CheckContext {
  pool: RegistryPool;
  buildDates: BuildDates;
  backoff: RegistryBackoff;
  client: ClusterClient;
  cache: CycleCache;
  log: UpdaterLog;
  signal?: AbortSignal;
}

const RETRYABLE = new Set([
  'REGISTRY_UNREACHABLE',
  'REGISTRY_TIMEOUT',
  'REGISTRY_UNAVAILABLE',
  'REGISTRY_RATE_LIMITED',
]);

/**
 * Decides one image: asks its registry for tags (or, for the digest strategy, for the digest of the followed tag),
 * filters them by allow-tags and ignore-tags, lets the strategy choose, and compares with what the app runs.
 */
export async function checkImage(
  context: CheckContext,
  settings: ImageSettings,
  live: ImageReference | undefined,
  fields: Record<string, unknown>,
): Promise<ImageDecision> {
  const { pool, backoff, log } = context;
  const { image } = settings.entry;
  const registry = image.registry;
  const wait = backoff.waitFor(registry);
  if (wait > 0) {
    log('info', 'registry is backing off after failures; image not checked this time', {
      ...fields,
      registry,
      retryInMs: wait,
    });
    return { kind: 'skip', reason: `registry ${registry} backing off` };
  }
  const base = {
    settings,
    // As written in image-list, as the real tool does: `nginx` stays `nginx`, matching the name in manifests.
    fullName: settings.entry.name,
    imageName: withoutRegistry(settings.entry.name),
    oldTag: currentTag(live, settings.strategy === 'digest'),
  };
  try {
    const reference = settings.pullSecret ?? pool.config(registry)?.credentials;
    const credentials = reference
      ? await resolveCredentials(reference, {
          client: context.client,
          registry,
          ...(context.signal ? { signal: context.signal } : {}),
        })
      : undefined;
    const client = pool.client(registry, credentials);
    let decision: ImageDecision;
    if (settings.strategy === 'digest') {
      const tag = settings.entry.constraint!;
      const digest = await client.resolveDigest(image.repository, tag, context.signal);
      log('info', 'resolved the followed tag', { ...fields, tag, digest, liveDigest: live?.digest ?? null });
      decision =
        live?.digest === digest
          ? { kind: 'current' }
          : { kind: 'update', change: { ...base, newTag: `${tag}@${digest}`, newDigest: digest } };
    } else {
      const key = `${registry}/${image.repository}\0${credentials?.username ?? ''}`;
      let listing = context.cache.tags.get(key);
      if (!listing) {
        listing = client.listTags(image.repository, context.signal);
        context.cache.tags.set(key, listing);
      }
      const tags = await listing;
      const allowed = filterTags(tags, settings.allow, settings.ignore);
      log('info', 'tags seen', {
        ...fields,
        tags: tags.length,
        allowed: allowed.length,
        sample: tags.slice(0, 20),
        ...(settings.allow.kind === 'none' ? { allowTags: `matches nothing: ${settings.allow.why}` } : {}),
      });
      let candidates: TagCandidate[] = allowed.map((tag) => ({ tag }));
      if (settings.strategy === 'newest-build') {
        candidates = await Promise.all(
          allowed.map(async (tag) => {
            const cacheKey = `${key}:${tag}`;
            let created = context.cache.created.get(cacheKey);
            if (!created) {
              created = context.buildDates.of(client, image.repository, tag, context.signal);
              context.cache.created.set(cacheKey, created);
            }
            const ms = await created;
            return ms === undefined ? { tag } : { tag, created: ms };
          }),
        );
      }
      const choice = chooseTag(settings.strategy, candidates, settings.range);
      if (!choice) {
        log('info', 'no tag qualifies', { ...fields, strategy: settings.strategy });
        decision = { kind: 'skip', reason: 'no suitable tag' };
      } else {
        log('info', 'candidate chosen', {
          ...fields,
          strategy: settings.strategy,
          candidate: choice.tag,
          why: choice.reason,
          current: base.oldTag,
        });
        decision =
          choice.tag === base.oldTag
            ? { kind: 'current' }
            : { kind: 'update', change: { ...base, newTag: choice.tag } };
      }
    }
    if (backoff.succeeded(registry)) log('info', 'registry recovered', { ...fields, registry });
    return decision;
  } catch (error) {
    if (context.signal?.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RegistryError && RETRYABLE.has(error.code)) {
      const { delayMs, failures } = backoff.failed(registry);
      log('warn', 'registry failed; backing off', {
        ...fields,
        registry,
        error: message,
        failures,
        retryInMs: delayMs,
      });
    } else {
      log('error', 'could not check image', { ...fields, error: message });
    }
    return { kind: 'error', message };
  }
}

/** What the app runs now, as the real tool reports it: the tag, or `<tag>@<digest>` when following a digest. */
function currentTag(live: ImageReference | undefined, withDigest: boolean): string {
  if (withDigest && live?.digest) return `${live.tag ?? 'latest'}@${live.digest}`;
  return live?.tag ?? '';
}

/** The repository path as written: without its first component when that names a registry (`host:port`, `a.b`). */
function withoutRegistry(name: string): string {
  const slash = name.indexOf('/');
  if (slash < 0) return name;
  const first = name.slice(0, slash);
  return first.includes('.') || first.includes(':') || first === 'localhost' ? name.slice(slash + 1) : name;
}
