import type { Clock } from '../../clock/index.ts';
import { RegistryClient } from '../../registry/index.ts';
import type { TimelineSink } from '../event.ts';

export interface RegistryWatchOptions {
  /** e.g. http://127.0.0.1:5001 or 127.0.0.1:5001. */
  url: string;
  /** Simulated time between polls (default 1 s); a poll starts only after the previous one ended. */
  intervalMs?: number;
  credentials?: { username: string; password: string };
  /** Known tags re-resolved per poll, in turn, to see tags move (default 8); new tags are always resolved. */
  recheckPerPoll?: number;
}

/**
 * Sees tags through the distribution API as any client would: the catalog, each repository's tags, and each tag's
 * manifest digest (HEAD). A `registry/tag` event when a tag appears (at the poll that sees it) or points at a new
 * digest (within a few polls); tags already there at start are the baseline, not events.
 */
export async function startRegistryPoller(options: {
  registry: RegistryWatchOptions;
  clock: Clock;
  sink: TimelineSink;
  signal: AbortSignal;
  onError?: (error: unknown) => void;
}): Promise<void> {
  const { registry, clock, sink, signal } = options;
  const url = registry.url.includes('://') ? new URL(registry.url) : new URL(`http://${registry.url}`);
  const client = new RegistryClient({
    registry: url.host,
    insecure: url.protocol === 'http:',
    clock,
    retries: 0,
    ...(registry.credentials ? { credentials: registry.credentials } : {}),
  });
  const digests = new Map<string, string>();
  const recheck = registry.recheckPerPoll ?? 8;
  let rotation = 0;
  const poll = async (report: boolean) => {
    const tags: string[] = [];
    for (const repository of await client.listRepositories(signal)) {
      for (const tag of await client.listTags(repository, signal)) tags.push(`${repository}:${tag}`);
    }
    // New tags are resolved at once; known ones a few per poll in turn, to see a tag move without a HEAD per tag.
    const known = tags.filter((key) => digests.has(key));
    const turn = known.length <= recheck ? known : rotate(known, rotation, recheck);
    rotation += recheck;
    for (const key of [...tags.filter((k) => !digests.has(k)), ...turn]) {
      const colon = key.lastIndexOf(':');
      const [repository, tag] = [key.slice(0, colon), key.slice(colon + 1)];
      const digest = await client.resolveDigest(repository, tag, signal);
      const before = digests.get(key);
      if (before === digest) continue;
      digests.set(key, digest);
      if (!report) continue;
      sink.record({
        at: clock.now(),
        component: 'registry',
        type: 'tag',
        subject: repository,
        message: `${tag} ${before ? 'moved to' : 'pushed at'} ${digest.slice(0, 19)}`,
        data: { repository, tag, digest, ...(before ? { previous: before } : {}) },
      });
    }
  };
  await poll(false);
  void (async () => {
    const interval = registry.intervalMs ?? 1000;
    while (!signal.aborted) {
      try {
        await clock.sleep(interval, signal);
        await poll(true);
      } catch (error) {
        if (signal.aborted) return;
        // An outage or a tag deleted mid-poll: try again next interval.
        options.onError?.(error);
      }
    }
  })();
}

function rotate<T>(items: readonly T[], from: number, count: number): T[] {
  return Array.from({ length: count }, (_, i) => items[(from + i) % items.length]!);
}
