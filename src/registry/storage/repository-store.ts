import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isNotFound, readIfExists, writeFileAtomic } from './atomic.ts';

/**
 * What each repository holds, as small link files under `repositories/<name>/` (names may nest: a/b/c):
 * `_layers/<alg>/<hex>` (blob linked into the repository), `_manifests/revisions/<alg>/<hex>` (a manifest, holding
 * its media type) and `_manifests/tags/<tag>` (holding the digest). Path components of repository names never start
 * with `_`, so these directories cannot collide with nested repositories.
 */
export class RepositoryStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  #repo(name: string): string {
    return join(this.#root, ...name.split('/'));
  }

  #digestPath(name: string, kind: '_layers' | '_manifests/revisions', digest: string): string {
    const [algorithm = '', hex = ''] = digest.split(':');
    return join(this.#repo(name), kind, algorithm, hex);
  }

  async exists(name: string): Promise<boolean> {
    return (await this.#list(join(this.#repo(name), '_manifests'))) !== undefined;
  }

  async linkBlob(name: string, digest: string): Promise<void> {
    await writeFileAtomic(this.#digestPath(name, '_layers', digest), digest);
  }

  async hasBlob(name: string, digest: string): Promise<boolean> {
    return (await readIfExists(this.#digestPath(name, '_layers', digest))) !== undefined;
  }

  async unlinkBlob(name: string, digest: string): Promise<boolean> {
    if (!(await this.hasBlob(name, digest))) return false;
    await rm(this.#digestPath(name, '_layers', digest), { force: true });
    return true;
  }

  async putManifest(name: string, digest: string, mediaType: string): Promise<void> {
    await writeFileAtomic(this.#digestPath(name, '_manifests/revisions', digest), mediaType);
  }

  /** The media type the manifest was pushed with, or undefined when the repository has no such manifest. */
  async manifestType(name: string, digest: string): Promise<string | undefined> {
    return readIfExists(this.#digestPath(name, '_manifests/revisions', digest));
  }

  /** Deletes the manifest and every tag pointing at it; returns false when it was not there. */
  async deleteManifest(name: string, digest: string): Promise<boolean> {
    if ((await this.manifestType(name, digest)) === undefined) return false;
    for (const tag of await this.listTags(name)) {
      if ((await this.getTag(name, tag)) === digest) await this.deleteTag(name, tag);
    }
    await rm(this.#digestPath(name, '_manifests/revisions', digest), { force: true });
    return true;
  }

  async setTag(name: string, tag: string, digest: string): Promise<void> {
    await writeFileAtomic(join(this.#repo(name), '_manifests', 'tags', tag), digest);
  }

  async getTag(name: string, tag: string): Promise<string | undefined> {
    return (await readIfExists(join(this.#repo(name), '_manifests', 'tags', tag)))?.trim();
  }

  async deleteTag(name: string, tag: string): Promise<boolean> {
    if ((await this.getTag(name, tag)) === undefined) return false;
    await rm(join(this.#repo(name), '_manifests', 'tags', tag), { force: true });
    return true;
  }

  /** Tags in lexical order (byte order, as the spec's pagination assumes). */
  async listTags(name: string): Promise<string[]> {
    const entries = (await this.#list(join(this.#repo(name), '_manifests', 'tags'))) ?? [];
    return entries.filter((e) => !e.startsWith('.tmp-')).sort(byteOrder);
  }

  /** Every repository that has had a manifest pushed, in lexical order. */
  async listRepositories(): Promise<string[]> {
    const found: string[] = [];
    const walk = async (dir: string, prefix: string[]): Promise<void> => {
      const entries = (await this.#list(dir)) ?? [];
      if (entries.includes('_manifests')) found.push(prefix.join('/'));
      for (const entry of entries) {
        if (!entry.startsWith('_') && !entry.startsWith('.')) await walk(join(dir, entry), [...prefix, entry]);
      }
    };
    await walk(this.#root, []);
    return found.filter((name) => name !== '').sort(byteOrder);
  }

  async #list(dir: string): Promise<string[] | undefined> {
    try {
      return await readdir(dir);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }
}

export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
