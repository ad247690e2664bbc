import { createReadStream, type ReadStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isNotFound, moveIntoPlace, readIfExists, writeFileAtomic } from './atomic.ts';

/**
 * Content-addressed blob files shared by all repositories: `blobs/<algorithm>/<hex>`. A blob is only ever written
 * whole (temp + rename) after its digest was verified, so the file name is a promise about the content.
 */
export class BlobStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  path(digest: string): string {
    const [algorithm = '', hex = ''] = digest.split(':');
    return join(this.#root, algorithm, hex);
  }

  /** The size of the blob, or undefined when it is not stored. */
  async size(digest: string): Promise<number | undefined> {
    try {
      return (await stat(this.path(digest))).size;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Adopts a verified temp file (on the same filesystem) as the blob's content. */
  async adopt(digest: string, file: string): Promise<void> {
    if ((await this.size(digest)) !== undefined) {
      await rm(file, { force: true });
      return;
    }
    // Flush the received bytes before the rename publishes them under their digest.
    const handle = await open(file, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await moveIntoPlace(file, this.path(digest));
  }

  async putBytes(digest: string, data: Uint8Array): Promise<void> {
    if ((await this.size(digest)) !== undefined) return;
    await writeFileAtomic(this.path(digest), data);
  }

  async readText(digest: string): Promise<string | undefined> {
    return readIfExists(this.path(digest));
  }

  /** Streams the blob, or the inclusive byte range [start, end]. */
  open(digest: string, range?: { start: number; end: number }): ReadStream {
    return createReadStream(this.path(digest), range);
  }
}
