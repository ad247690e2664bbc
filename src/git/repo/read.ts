import { runGit } from './git.ts';

export interface CommitInfo {
  sha: string;
  parents: string[];
  tree: string;
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  message: string;
  files: { path: string; status: 'added' | 'modified' | 'removed' }[];
}

export interface TreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size: number;
  path: string;
}

const RS = '\x1e';
const US = '\x1f';
const FORMAT = `${RS}%H${US}%P${US}%T${US}%an${US}%ae${US}%aI${US}%cn${US}%ce${US}%cI${US}%B${US}`;

/** The commit a ref or revision names, or undefined. */
export async function resolveCommit(gitDir: string, rev: string, signal?: AbortSignal): Promise<string | undefined> {
  const result = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], {
    gitDir,
    okCodes: [1, 128],
    signal,
  });
  const sha = result.stdout.toString('utf8').trim();
  return result.code === 0 && sha ? sha : undefined;
}

/** Branch name → head commit, sorted by name. */
export async function listBranches(gitDir: string, signal?: AbortSignal): Promise<Map<string, string>> {
  const out = await runGit(['for-each-ref', '--sort=refname', '--format=%(objectname) %(refname)', 'refs/heads/'], {
    gitDir,
    signal,
  });
  const branches = new Map<string, string>();
  for (const line of out.stdout.toString('utf8').split('\n')) {
    if (!line) continue;
    const space = line.indexOf(' ');
    branches.set(line.slice(space + 1).slice('refs/heads/'.length), line.slice(0, space));
  }
  return branches;
}

/**
 * Reads commits with their changed files. `revs` are passed to `git log` (e.g. a list of shas with `noWalk`, or a
 * starting point with `skip`/`limit`/`path`).
 */
export async function readCommits(
  gitDir: string,
  options: { revs: string[]; noWalk?: boolean; skip?: number; limit?: number; path?: string; signal?: AbortSignal },
): Promise<CommitInfo[]> {
  if (options.revs.length === 0) return [];
  const args = ['-c', 'core.quotePath=false', 'log', `--format=${FORMAT}`, '--name-status', '--no-renames'];
  args.push('--diff-merges=first-parent');
  if (options.noWalk) args.push('--no-walk=unsorted');
  if (options.skip) args.push(`--skip=${options.skip}`);
  if (options.limit !== undefined) args.push(`--max-count=${options.limit}`);
  args.push('--end-of-options', ...options.revs, '--');
  if (options.path) args.push(options.path);
  const out = await runGit(args, { gitDir, signal: options.signal });
  return parseLog(out.stdout.toString('utf8'));
}

function parseLog(text: string): CommitInfo[] {
  const commits: CommitInfo[] = [];
  for (const record of text.split(RS)) {
    if (!record) continue;
    const fields = record.split(US);
    const [sha = '', parents = '', tree = '', an = '', ae = '', ad = '', cn = '', ce = '', cd = '', message = ''] =
      fields;
    const files: CommitInfo['files'] = [];
    for (const line of (fields[10] ?? '').split('\n')) {
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      const code = line.slice(0, tab);
      const status = code.startsWith('A') ? 'added' : code.startsWith('D') ? 'removed' : 'modified';
      files.push({ path: line.slice(tab + 1), status });
    }
    commits.push({
      sha,
      parents: parents ? parents.split(' ') : [],
      tree,
      author: { name: an, email: ae, date: utcZ(ad) },
      committer: { name: cn, email: ce, date: utcZ(cd) },
      message,
      files,
    });
  }
  return commits;
}

/** Go's RFC 3339 writes UTC as `Z`; git writes `+00:00`. */
function utcZ(date: string): string {
  return date.endsWith('+00:00') ? `${date.slice(0, -6)}Z` : date;
}

/** Counts commits reachable from `rev` (touching `path` if given). */
export async function countCommits(gitDir: string, rev: string, path?: string, signal?: AbortSignal): Promise<number> {
  const args = ['rev-list', '--count', '--end-of-options', rev, '--'];
  if (path) args.push(path);
  const out = await runGit(args, { gitDir, signal });
  return Number(out.stdout.toString('utf8').trim());
}

/** The entry at `path` in `commit`'s tree, or undefined. */
export async function readEntry(
  gitDir: string,
  commit: string,
  path: string,
  signal?: AbortSignal,
): Promise<TreeEntry | undefined> {
  const entries = await lsTree(gitDir, commit, ['--', path], signal);
  return entries.find((e) => e.path === path);
}

/** The entries of the directory at `path` ('' for the root), or undefined when it is not a directory. */
export async function listDirectory(
  gitDir: string,
  commit: string,
  path: string,
  signal?: AbortSignal,
): Promise<TreeEntry[] | undefined> {
  if (path === '') return lsTree(gitDir, commit, [], signal);
  const self = await readEntry(gitDir, commit, path, signal);
  if (self?.type !== 'tree') return undefined;
  return lsTree(gitDir, commit, ['--', `${path}/`], signal);
}

async function lsTree(gitDir: string, commit: string, rest: string[], signal?: AbortSignal): Promise<TreeEntry[]> {
  const out = await runGit(['ls-tree', '-z', '-l', '--full-tree', commit, ...rest], { gitDir, signal });
  const entries: TreeEntry[] = [];
  for (const item of out.stdout.toString('utf8').split('\0')) {
    const tab = item.indexOf('\t');
    if (tab < 0) continue;
    const [mode = '', type = '', sha = '', size = ''] = item.slice(0, tab).split(/\s+/);
    entries.push({
      mode,
      type: type as TreeEntry['type'],
      sha,
      size: size === '-' ? 0 : Number(size),
      path: item.slice(tab + 1),
    });
  }
  return entries;
}

export async function readBlob(gitDir: string, sha: string, signal?: AbortSignal): Promise<Buffer> {
  return (await runGit(['cat-file', 'blob', sha], { gitDir, signal })).stdout;
}

/** The last commit reachable from `commit` that touched `path`. */
export async function lastCommitOf(gitDir: string, commit: string, path: string, signal?: AbortSignal) {
  const out = await runGit(['log', '-1', '--format=%H', '--end-of-options', commit, '--', path], { gitDir, signal });
  return out.stdout.toString('utf8').trim();
}
