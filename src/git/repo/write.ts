import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GitServerError } from '../errors.ts';
import { ZERO_SHA } from '../types.ts';
import { runGit } from './git.ts';
import { isValidTreePath } from './paths.ts';
import { readEntry, resolveCommit } from './read.ts';

export type FileChange =
  | { operation: 'create'; path: string; content: Buffer }
  | { operation: 'update'; path: string; content: Buffer; sha: string; fromPath?: string }
  | { operation: 'delete'; path: string; sha: string };

export interface Signature {
  name: string;
  email: string;
  /** ISO date. */
  date: string;
}

export interface CommitRequest {
  gitDir: string;
  /** Branch the change is based on. */
  branch: string;
  /** Create this branch from `branch` and commit there instead. */
  newBranch?: string;
  changes: FileChange[];
  message: string;
  author: Signature;
  committer: Signature;
  signal?: AbortSignal;
}

export interface CommitResult {
  branch: string;
  before: string;
  sha: string;
  tree: string;
  parents: string[];
  /** Blob sha of each written path (undefined for deletions). */
  blobs: Map<string, string | undefined>;
}

const locks = new Map<string, Promise<unknown>>();

/** Serialises API commits per repository; `git push` races are caught by update-ref's compare-and-swap. */
function withRepoLock<T>(gitDir: string, fn: () => Promise<T>): Promise<T> {
  const previous = locks.get(gitDir) ?? Promise.resolve();
  const next = previous.then(fn, fn);
  const settled = next.catch(() => {});
  locks.set(gitDir, settled);
  void settled.then(() => {
    if (locks.get(gitDir) === settled) locks.delete(gitDir);
  });
  return next;
}

/**
 * Makes one real commit of `changes` on a branch with git plumbing and a private index, then moves the branch with a
 * compare-and-swap so a concurrent `git push` is never overwritten.
 */
export function commitFiles(request: CommitRequest): Promise<CommitResult> {
  return withRepoLock(request.gitDir, () => commitLocked(request));
}

async function commitLocked(request: CommitRequest): Promise<CommitResult> {
  const { gitDir, signal } = request;
  const parent = await resolveCommit(gitDir, `refs/heads/${request.branch}`, signal);
  if (!parent) {
    // An empty repository takes its first commit on any branch; otherwise the base must exist.
    const any = await runGit(['for-each-ref', '--count=1', 'refs/heads/'], { gitDir, signal });
    if (any.stdout.length > 0 || request.newBranch) {
      throw new GitServerError('GIT_BRANCH_NOT_FOUND', `branch does not exist [name: ${request.branch}]`);
    }
  }
  const target = request.newBranch ?? request.branch;
  if (request.newBranch && (await resolveCommit(gitDir, `refs/heads/${request.newBranch}`, signal))) {
    throw new GitServerError('GIT_BRANCH_EXISTS', `branch already exists [name: ${request.newBranch}]`);
  }
  await validate(request, parent);

  const index = join(gitDir, `sandbox-index-${randomBytes(6).toString('hex')}`);
  const env = { GIT_INDEX_FILE: index };
  try {
    if (parent) await runGit(['read-tree', parent], { gitDir, env, signal });
    const blobs = new Map<string, string | undefined>();
    const indexInfo: string[] = [];
    for (const change of request.changes) {
      if (change.operation === 'delete') {
        indexInfo.push(`0 ${ZERO_SHA}\t${change.path}`);
        blobs.set(change.path, undefined);
        continue;
      }
      const blob = (await runGit(['hash-object', '-w', '--stdin'], { gitDir, input: change.content, signal })).stdout
        .toString('utf8')
        .trim();
      if (change.operation === 'update' && change.fromPath && change.fromPath !== change.path) {
        indexInfo.push(`0 ${ZERO_SHA}\t${change.fromPath}`);
      }
      indexInfo.push(`100644 ${blob}\t${change.path}`);
      blobs.set(change.path, blob);
    }
    await runGit(['update-index', '--index-info'], { gitDir, env, input: `${indexInfo.join('\n')}\n`, signal });
    const tree = (await runGit(['write-tree'], { gitDir, env, signal })).stdout.toString('utf8').trim();
    const parents = parent ? [parent] : [];
    const sha = (
      await runGit(['commit-tree', tree, ...parents.flatMap((p) => ['-p', p]), '-F', '-'], {
        gitDir,
        input: request.message.endsWith('\n') ? request.message : `${request.message}\n`,
        env: {
          GIT_AUTHOR_NAME: request.author.name,
          GIT_AUTHOR_EMAIL: request.author.email,
          GIT_AUTHOR_DATE: request.author.date,
          GIT_COMMITTER_NAME: request.committer.name,
          GIT_COMMITTER_EMAIL: request.committer.email,
          GIT_COMMITTER_DATE: request.committer.date,
        },
        signal,
      })
    ).stdout
      .toString('utf8')
      .trim();
    const before = request.newBranch ? ZERO_SHA : (parent ?? ZERO_SHA);
    try {
      await runGit(['update-ref', `refs/heads/${target}`, sha, before], { gitDir, signal });
    } catch (cause) {
      throw new GitServerError('GIT_REF_CONFLICT', `branch ${target} moved while committing; retry the change`, {
        cause,
      });
    }
    return { branch: target, before, sha, tree, parents, blobs };
  } finally {
    await rm(index, { force: true });
  }
}

async function validate(request: CommitRequest, parent: string | undefined): Promise<void> {
  for (const change of request.changes) {
    const paths = change.operation === 'update' && change.fromPath ? [change.path, change.fromPath] : [change.path];
    for (const path of paths) {
      if (!isValidTreePath(path)) {
        throw new GitServerError('GIT_PATH_INVALID', `path contains a malicious path component [path: ${path}]`);
      }
    }
    const existing = parent ? await readEntry(request.gitDir, parent, change.path, request.signal) : undefined;
    if (change.operation === 'create') {
      if (existing)
        throw new GitServerError('GIT_FILE_EXISTS', `repository file already exists [path: ${change.path}]`);
      continue;
    }
    const source = change.operation === 'update' && change.fromPath ? change.fromPath : change.path;
    const current =
      source === change.path || !parent ? existing : await readEntry(request.gitDir, parent, source, request.signal);
    if (!change.sha) {
      throw new GitServerError('GIT_SHA_REQUIRED', 'a SHA or commit ID must be provided when updating a file');
    }
    if (current?.type !== 'blob') {
      throw new GitServerError('GIT_FILE_NOT_FOUND', `repository file does not exist [path: ${source}]`);
    }
    if (current.sha !== change.sha) {
      throw new GitServerError(
        'GIT_SHA_MISMATCH',
        `sha does not match [given: ${change.sha}, expected: ${current.sha}]`,
      );
    }
  }
}
