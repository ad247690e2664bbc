import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { GitServerError } from '../errors.ts';
import { emptyState, type GitServerState } from './model.ts';

/**
 * The state document in memory, persisted after every change by writing a temp file, fsyncing it and renaming it
 * over the old one, so a crash leaves either the old or the new document, never a torn one.
 */
export class StateStore {
  readonly #file: string;
  #state: GitServerState = emptyState();
  #writing: Promise<void> = Promise.resolve();
  #sequence = 0;

  constructor(dataDir: string) {
    this.#file = join(dataDir, 'state.json');
  }

  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as GitServerState;
      if (parsed.version !== 1) throw new Error(`unknown version ${String(parsed.version)}`);
      this.#state = parsed;
    } catch (cause) {
      throw new GitServerError(
        'GIT_STATE_CORRUPT',
        `the git server state ${this.#file} cannot be read; move it away to start with an empty server`,
        { cause },
      );
    }
  }

  /** Read-only view; change it only through `update`. */
  get state(): Readonly<GitServerState> {
    return this.#state;
  }

  /** Applies `change` synchronously (so readers never see half of it) and resolves once it is on disk. */
  async update<T>(change: (state: GitServerState) => T): Promise<T> {
    const result = change(this.#state);
    const snapshot = JSON.stringify(this.#state, null, 2);
    const sequence = ++this.#sequence;
    const write = this.#writing.then(() => this.#write(snapshot, sequence));
    this.#writing = write.catch(() => {}); // one failed write must not block the later ones
    await write;
    return result;
  }

  /** Waits for pending writes. */
  flush(): Promise<void> {
    return this.#writing;
  }

  async #write(snapshot: string, sequence: number): Promise<void> {
    const temp = `${this.#file}.${sequence}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(snapshot);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.#file);
  }
}
