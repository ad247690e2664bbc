import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { execa } from 'execa';

const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_AUTHOR_NAME: 'Tester',
  GIT_AUTHOR_EMAIL: 'tester@example.com',
  GIT_COMMITTER_NAME: 'Tester',
  GIT_COMMITTER_EMAIL: 'tester@example.com',
};

/** Runs the system git in `cwd` and returns trimmed stdout; fails the test on a non-zero exit. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await execa('git', args, { cwd, env: GIT_ENV });
  return stdout.trim();
}

/** A temp dir removed when the test ends. */
export async function tempDir(t: ExecutionContext, prefix = 'reconciler-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A working repository with branch `main`, whose files are written and committed by `commit`. */
export class WorkRepo {
  constructor(readonly dir: string) {}

  static async init(dir: string): Promise<WorkRepo> {
    await mkdir(dir, { recursive: true });
    await git(dir, 'init', '-q', '-b', 'main');
    return new WorkRepo(dir);
  }

  /** Writes the files (path → content; null deletes) and commits them; returns the new commit SHA. */
  async commit(files: Record<string, string | null>, message = 'change'): Promise<string> {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) {
        await rm(full, { force: true });
      } else {
        await mkdir(dirname(full), { recursive: true });
        await writeFile(full, content);
      }
    }
    await git(this.dir, 'add', '-A');
    await git(this.dir, 'commit', '-q', '--allow-empty', '-m', message);
    return git(this.dir, 'rev-parse', 'HEAD');
  }

  git(...args: string[]): Promise<string> {
    return git(this.dir, ...args);
  }
}

/** A bare repository a `WorkRepo` pushes to, reachable at a file:// URL. */
export async function bareRemote(dir: string, work: WorkRepo): Promise<string> {
  await execa('git', ['init', '-q', '--bare', '-b', 'main', dir], { env: GIT_ENV });
  await work.git('remote', 'add', 'origin', dir);
  return `file://${dir}`;
}
