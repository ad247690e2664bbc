import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { execa } from 'execa';
import { SandboxError } from '../errors.ts';
import type { GitEndpoint } from '../providers/sandbox.ts';

/**
 * A working copy of one of the sandbox's repos, driven with the real git CLI the way a learner would: clone, edit,
 * commit, push, revert, merge. Commit dates come from the caller (the sandbox clock), so histories read in
 * simulated time.
 */
export class GitWorkspace {
  readonly dir: string;
  readonly #remote: string;
  readonly #now: () => number;

  private constructor(dir: string, remote: string, now: () => number) {
    this.dir = dir;
    this.#remote = remote;
    this.#now = now;
  }

  static async clone(options: {
    /** Clone URL as reached from this host, without credentials. */
    url: string;
    git: Pick<GitEndpoint, 'username' | 'password'>;
    branch?: string;
    into: string;
    now: () => number;
  }): Promise<GitWorkspace> {
    // Absolute, since git runs in the parent folder: a relative path would be taken from there.
    const into = resolve(options.into);
    const remote = new URL(options.url);
    remote.username = options.git.username;
    remote.password = options.git.password;
    await rm(into, { recursive: true, force: true });
    await mkdir(dirname(into), { recursive: true });
    const workspace = new GitWorkspace(into, remote.toString(), options.now);
    await workspace.#git(dirname(into), [
      'clone',
      '--quiet',
      ...(options.branch ? ['--branch', options.branch] : []),
      remote.toString(),
      into,
    ]);
    return workspace;
  }

  async read(path: string): Promise<string> {
    return readFile(join(this.dir, path), 'utf8');
  }

  async write(path: string, content: string): Promise<void> {
    await mkdir(dirname(join(this.dir, path)), { recursive: true });
    await writeFile(join(this.dir, path), content);
  }

  /** Rewrites a file through a function of its text; fails when the function changes nothing (a scenario bug). */
  async edit(path: string, change: (text: string) => string): Promise<void> {
    const before = await this.read(path);
    const after = change(before);
    if (after === before) {
      throw new SandboxError('ScenarioEdit', `editing ${path} in ${this.dir} changed nothing; check the pattern`);
    }
    await this.write(path, after);
  }

  async remove(path: string): Promise<void> {
    await this.#run(['rm', '--quiet', path]);
  }

  /** Commits everything changed; returns the new commit's SHA. */
  async commit(message: string): Promise<string> {
    await this.#run(['add', '--all']);
    await this.#run(['commit', '--quiet', '--message', message]);
    return this.head();
  }

  async push(branch?: string): Promise<string> {
    await this.#run(['push', '--quiet', 'origin', branch ? `HEAD:${branch}` : 'HEAD']);
    return this.head();
  }

  /** Brings the working copy up to the remote branch (others — the image updater — may have pushed). */
  async pull(branch?: string): Promise<void> {
    await this.#run(['pull', '--quiet', '--rebase', 'origin', ...(branch ? [branch] : [])]);
  }

  /** `git revert --no-edit <sha>` (default HEAD); returns the revert commit. */
  async revert(sha = 'HEAD'): Promise<string> {
    await this.#run(['revert', '--no-edit', sha]);
    return this.head();
  }

  /** Merges a remote branch into the checked-out one with a merge commit, as a promotion does. */
  async merge(branch: string, message?: string): Promise<string> {
    await this.#run(['fetch', '--quiet', 'origin', branch]);
    await this.#run(['merge', '--no-ff', '--no-edit', ...(message ? ['-m', message] : []), `origin/${branch}`]);
    return this.head();
  }

  async checkout(branch: string): Promise<void> {
    await this.#run(['checkout', '--quiet', branch]);
  }

  async head(): Promise<string> {
    return (await this.#run(['rev-parse', 'HEAD'])).trim();
  }

  #run(args: string[]): Promise<string> {
    return this.#git(this.dir, args);
  }

  async #git(cwd: string, args: string[]): Promise<string> {
    const date = new Date(this.#now()).toISOString();
    const result = await execa('git', args, {
      cwd,
      reject: false,
      env: {
        GIT_AUTHOR_NAME: 'Scenario',
        GIT_AUTHOR_EMAIL: 'scenario@gitops-sandbox.io',
        GIT_COMMITTER_NAME: 'Scenario',
        GIT_COMMITTER_EMAIL: 'scenario@gitops-sandbox.io',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date,
        GIT_TERMINAL_PROMPT: '0',
      },
    });
    if (result.exitCode !== 0) {
      const shown = args.map((arg) => arg.replace(this.#remote, '<remote>')).join(' ');
      throw new SandboxError('GitCommand', `git ${shown} failed in ${cwd}: ${String(result.stderr).trim()}`);
    }
    return String(result.stdout);
  }
}
