import type { RegistryClient } from '../../registry/index.ts';

const MAX_ENTRIES = 100_000;

/**
 * Build dates of images by manifest digest. A digest names immutable content, so its date never goes stale and
 * is kept across cycles: each cycle costs one HEAD per tag (which also notices a tag that moved) instead of the
 * manifest and config fetches newest-build needs the first time.
 */
export class BuildDates {
  readonly #byDigest = new Map<string, Promise<number | undefined>>();

  /** The image's `created` time in ms since the epoch (undefined when the config has none). */
  async of(client: RegistryClient, repository: string, tag: string, signal?: AbortSignal): Promise<number | undefined> {
    const digest = await client.resolveDigest(repository, tag, signal);
    const key = `${client.registry}/${repository}@${digest}`;
    let date = this.#byDigest.get(key);
    if (!date) {
      if (this.#byDigest.size >= MAX_ENTRIES) this.#byDigest.clear();
      date = client.getImageConfig(repository, digest, signal).then((config) => {
        const ms = config.created ? Date.parse(config.created) : Number.NaN;
        return Number.isFinite(ms) ? ms : undefined;
      });
      // A failed fetch is not remembered: the next cycle asks again.
      date.catch(() => this.#byDigest.delete(key));
      this.#byDigest.set(key, date);
    }
    return date;
  }
}
