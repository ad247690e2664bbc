import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { execa } from 'execa';
import { rewriteAddresses, type WorldAddresses } from './addresses.ts';
import { SeedError } from './errors.ts';

export const SEED_AUTHOR = { name: 'gitops-sandbox', email: 'sandbox@gitops-sandbox.io' };

export interface PushRepoOptions {
  /** The folder whose files become the first commit. */
  dir: string;
  /** Push URL as reached from this host, without credentials. */
  remote: string;
  credentials: { username: string; password: string };
  /** The first is pushed first (the default branch); the others point at the same commit. */
  branches: string[];
  addresses: WorldAddresses;
  /** Commit time in epoch milliseconds (the sandbox clock), so seeded commits are reproducible. */
  date: number;
  message: string;
  signal?: AbortSignal;
}

/**
 * Pushes a folder as one commit with the git CLI — the way a user would — after rewriting canonical addresses.
 * Runs with no user or system git config so a developer's settings (signing, hooks, templates) cannot leak in.
 * Returns the commit id.
 */
export async function pushRepo(options: PushRepoOptions): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'gitops-sandbox-seed-'));
  try {
    await copyRewritten(options.dir, work, options.addresses);
    const seconds = Math.floor(options.date / 1000);
    const env = {
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: SEED_AUTHOR.name,
      GIT_AUTHOR_EMAIL: SEED_AUTHOR.email,
      GIT_COMMITTER_NAME: SEED_AUTHOR.name,
      GIT_COMMITTER_EMAIL: SEED_AUTHOR.email,
      GIT_AUTHOR_DATE: `@${seconds} +0000`,
      GIT_COMMITTER_DATE: `@${seconds} +0000`,
    };
    const git = (...args: string[]) =>
      execa('git', ['-C', work, ...args], {
        env,
        ...(options.signal ? { cancelSignal: options.signal } : {}),
      });
    await git('init', '-q', '-b', options.branches[0]!);
    await git('add', '-A');
    await git('commit', '-q', '-m', options.message);
    const remote = new URL(options.remote);
    remote.username = encodeURIComponent(options.credentials.username);
    remote.password = encodeURIComponent(options.credentials.password);
    try {
      await git('push', '-q', remote.href, ...options.branches.map((b) => `HEAD:refs/heads/${b}`));
    } catch (cause) {
      throw new SeedError(
        'GitPushFailed',
        `pushing ${relative(process.cwd(), options.dir) || options.dir} to ${options.remote} failed; check that the git server is up and the credentials work: ${stderrOf(cause)}`,
        { cause },
      );
    }
    return (await git('rev-parse', 'HEAD')).stdout.trim();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Copies a tree (every file is text: manifests, charts, READMEs), rewriting the canonical addresses. */
async function copyRewritten(from: string, to: string, addresses: WorldAddresses): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      await mkdir(target);
      await copyRewritten(source, target, addresses);
    } else if (entry.isFile()) {
      await writeFile(target, rewriteAddresses(await readFile(source, 'utf8'), addresses));
    }
  }
}

function stderrOf(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  return typeof stderr === 'string' && stderr ? stderr.trim() : error instanceof Error ? error.message : String(error);
}
