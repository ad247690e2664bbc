import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readIfExists } from './atomic.ts';

export interface UploadSession {
  uuid: string;
  repository: string;
  /** Bytes received so far. */
  size: number;
}

/**
 * Blob upload sessions, each a directory `uploads/<uuid>` holding the bytes received so far and the repository the
 * session belongs to. Sessions live on disk so a restarted registry can continue them.
 */
export class UploadStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
  }

  async create(repository: string): Promise<UploadSession> {
    const uuid = randomUUID();
    const dir = join(this.#root, uuid);
    await mkdir(dir, { recursive: true });
    // Not flushed: a session lost to a crash costs the client a retry, never a corrupt blob.
    await writeFile(join(dir, 'data'), '');
    await writeFile(join(dir, 'meta.json'), JSON.stringify({ repository }));
    return { uuid, repository, size: 0 };
  }

  async get(uuid: string): Promise<UploadSession | undefined> {
    if (!/^[a-f0-9-]{36}$/.test(uuid)) return undefined;
    const meta = await readIfExists(join(this.#root, uuid, 'meta.json'));
    if (meta === undefined) return undefined;
    try {
      const { repository } = JSON.parse(meta) as { repository: string };
      const { size } = await stat(join(this.#root, uuid, 'data'));
      return { uuid, repository, size };
    } catch {
      // A session torn by a crash is as good as unknown: the client starts a new one.
      return undefined;
    }
  }

  /** Appends a request body to the session; returns the new size. */
  async append(uuid: string, body: Readable): Promise<number> {
    const file = join(this.#root, uuid, 'data');
    await pipeline(body, createWriteStream(file, { flags: 'a' }));
    return (await stat(file)).size;
  }

  /** Hashes what the session holds with the algorithm of `digest` and compares. */
  async verify(uuid: string, digest: string): Promise<{ ok: boolean; actual: string; file: string }> {
    const algorithm = digest.startsWith('sha512:') ? 'sha512' : 'sha256';
    const file = join(this.#root, uuid, 'data');
    const hash = createHash(algorithm);
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    const actual = `${algorithm}:${hash.digest('hex')}`;
    return { ok: actual === digest, actual, file };
  }

  async delete(uuid: string): Promise<void> {
    await rm(join(this.#root, uuid), { recursive: true, force: true });
  }

  /** Receives a whole blob in one request into a temp file, hashing as it goes (monolithic uploads). */
  async receive(body: Readable, algorithm: string): Promise<{ file: string; digest: string; size: number }> {
    await mkdir(this.#root, { recursive: true });
    const file = join(this.#root, `.monolithic-${randomUUID()}`);
    const hash = createHash(algorithm);
    let size = 0;
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, hashing, createWriteStream(file));
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    return { file, digest: `${algorithm}:${hash.digest('hex')}`, size };
  }
}
