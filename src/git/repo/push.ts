import type { PushCommit } from '../types.ts';
import { ZERO_SHA } from '../types.ts';
import { runGit } from './git.ts';
import { type CommitInfo, readCommits } from './read.ts';

export interface RefUpdate {
  ref: string;
  before: string;
  after: string;
}

/** Gitea lists at most this many commits for a new branch (CommitsBeforeLimit(10)). */
const NEW_REF_COMMITS = 10;
/** Keeps payloads bounded for huge pushes; total_commits still counts them all. */
const MAX_COMMITS = 100;

/** The commits a ref update introduced, newest first as Gitea orders them, and how many there were. */
export async function commitsOfUpdate(
  gitDir: string,
  update: RefUpdate,
  signal?: AbortSignal,
): Promise<{ commits: PushCommit[]; total: number }> {
  if (update.after === ZERO_SHA) return { commits: [], total: 0 };
  const range = update.before === ZERO_SHA ? [update.after] : [`${update.before}..${update.after}`];
  const limit = update.before === ZERO_SHA ? NEW_REF_COMMITS : MAX_COMMITS;
  const listed = await runGit(['rev-list', `--max-count=${limit}`, '--end-of-options', ...range], { gitDir, signal });
  const shas = listed.stdout.toString('utf8').split('\n').filter(Boolean);
  let total = shas.length;
  if (shas.length === limit && update.before !== ZERO_SHA) {
    const counted = await runGit(['rev-list', '--count', '--end-of-options', ...range], { gitDir, signal });
    total = Number(counted.stdout.toString('utf8').trim());
  }
  const infos = await readCommits(gitDir, { revs: shas, noWalk: true, signal });
  return { commits: infos.map(toPushCommit), total };
}

export function toPushCommit(info: CommitInfo): PushCommit {
  return {
    id: info.sha,
    message: info.message,
    author: info.author,
    committer: info.committer,
    added: info.files.filter((f) => f.status === 'added').map((f) => f.path),
    removed: info.files.filter((f) => f.status === 'removed').map((f) => f.path),
    modified: info.files.filter((f) => f.status === 'modified').map((f) => f.path),
  };
}
