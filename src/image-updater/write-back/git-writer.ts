import { createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../clock/index.ts';
import { messageOf } from '../../errors.ts';
import { runGit } from '../../reconciler/repo/git-exec.ts';
import type { RepoCredentials } from '../../reconciler/repo/index.ts';
import { ImageUpdaterError } from '../errors.ts';

export interface GitWriteRequest {
  repoURL: string;
  credentials?: RepoCredentials | undefined;
  /** Branch to start from; undefined: the remote's default branch. */
  baseBranch?: string | undefined;
  /** Branch to push to; undefined: the base branch. */
  writeBranch?: string | undefined;
  /** Edits files in the checkout. Runs again on a fresh checkout after a rejected push. */
  edit(checkout: string): Promise<void>;
  message: string;
  author: { name: string; email: string };
  signal?: AbortSignal;
}

export interface GitWriteResult {
  /** The pushed commit; undefined when the edit changed nothing (nothing is committed then). */
  commit: string | undefined;
  branch: string;
  /** Push attempts made (more than 1 after non-fast-forward rejections). */
  attempts: number;
}

const MAX_ATTEMPTS = 5;

/**
 * Git write-back: fetch the branch into a working clone under `workDir`, apply the edit, commit as the configured
 * author and push. A push rejected because someone else pushed first is answered by fetching, re-applying the edit on
 * the new tip and pushing again — never by force-pushing. One write per repository at a time.
 */
export class GitWriter {
  readonly #workDir: string;
  readonly #clock: Clock;
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly #beforePush: ((attempt: number) => Promise<void>) | undefined;
  readonly #log: (msg: string, fields: Record<string, unknown>) => void;

  constructor(options: {
    workDir: string;
    clock: Clock;
    log?: (msg: string, fields: Record<string, unknown>) => void;
    /** Test seam: runs after the commit and before each push, e.g. to race another pusher. */
    beforePush?: (attempt: number) => Promise<void>;
  }) {
    this.#workDir = options.workDir;
    this.#clock = options.clock;
    this.#beforePush = options.beforePush;
    this.#log = options.log ?? (() => {});
  }

  write(request: GitWriteRequest): Promise<GitWriteResult> {
    const previous = this.#locks.get(request.repoURL) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(() => this.#write(request));
    this.#locks.set(request.repoURL, next);
    return next;
  }

  async #write(request: GitWriteRequest): Promise<GitWriteResult> {
    const { repoURL, credentials, signal } = request;
    const dir = join(this.#workDir, createHash('sha256').update(repoURL).digest('hex').slice(0, 16));
    const git = (args: string[], env?: Record<string, string>) =>
      runGit({ args, repoURL, cwd: dir, credentials, signal, ...(env ? { env } : {}) });
    if (!(await exists(join(dir, '.git')))) {
      await mkdir(dir, { recursive: true });
      await git(['init', '-q']);
    }
    const base = request.baseBranch ?? (await defaultBranch(git, repoURL));
    const target = request.writeBranch ?? base;
    for (let attempt = 1; ; attempt++) {
      await git(['fetch', '-q', '--no-tags', repoURL, `+refs/heads/${base}:refs/remotes/origin/${base}`]);
      let start = `refs/remotes/origin/${base}`;
      if (target !== base) {
        // Continue an existing write branch; create it from the base otherwise.
        const found = await git(['ls-remote', '--heads', repoURL, target]);
        if (found.trim() !== '') {
          await git(['fetch', '-q', '--no-tags', repoURL, `+refs/heads/${target}:refs/remotes/origin/${target}`]);
          start = `refs/remotes/origin/${target}`;
        }
      }
      await git(['checkout', '-q', '-f', '-B', 'image-updater', start]);
      await git(['clean', '-q', '-f', '-d', '-x']);
      await request.edit(dir);
      await git(['add', '-A']);
      if ((await git(['status', '--porcelain'])).trim() === '')
        return { commit: undefined, branch: target, attempts: attempt };
      const date = `@${Math.floor(this.#clock.now() / 1000)} +0000`;
      await git(['commit', '-q', '-m', request.message], {
        GIT_AUTHOR_NAME: request.author.name,
        GIT_AUTHOR_EMAIL: request.author.email,
        GIT_COMMITTER_NAME: request.author.name,
        GIT_COMMITTER_EMAIL: request.author.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
      });
      const commit = (await git(['rev-parse', 'HEAD'])).trim();
      await this.#beforePush?.(attempt);
      try {
        await git(['push', '-q', '--porcelain', repoURL, `HEAD:refs/heads/${target}`]);
        return { commit, branch: target, attempts: attempt };
      } catch (error) {
        if (!isRejection(error) || attempt >= MAX_ATTEMPTS) {
          throw new ImageUpdaterError(
            'WriteBackFailed',
            `pushing to ${repoURL} branch ${target} failed${attempt > 1 ? ` after ${attempt} attempts` : ''}: ${messageOf(error)}`,
            { cause: error },
          );
        }
        this.#log('push rejected: the branch moved, fetching and re-applying the change', {
          repoURL,
          branch: target,
          attempt,
        });
      }
    }
  }
}

/** A push refused because the remote branch moved on (non-fast-forward), which a re-applied change can fix. */
function isRejection(error: unknown): boolean {
  const cause = (error as { cause?: { stderr?: unknown; stdout?: unknown } }).cause;
  const text = `${String(cause?.stderr ?? '')}\n${String(cause?.stdout ?? '')}\n${messageOf(error)}`;
  return /\[rejected\]|non-fast-forward|fetch first|\[remote rejected\].*(cannot lock ref|failed to update ref)/.test(
    text,
  );
}

async function defaultBranch(git: (args: string[]) => Promise<string>, repoURL: string): Promise<string> {
  const out = await git(['ls-remote', '--symref', repoURL, 'HEAD']);
  const branch = /^ref: refs\/heads\/(\S+)\s+HEAD/m.exec(out)?.[1];
  if (!branch) {
    throw new ImageUpdaterError(
      'WriteBackFailed',
      `${repoURL} has no default branch (empty repository?); set the git-branch annotation`,
    );
  }
  return branch;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
