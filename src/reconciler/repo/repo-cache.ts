import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Clock } from '../../clock/index.ts';
import { abortable, Coalescer } from './abortable.ts';
import { RepoError } from './errors.ts';
import { runGit } from './git-exec.ts';
import { parseLsRemote, type RemoteRefs } from './refs.ts';
import { isCommitSHA, resolveAgainstRefs } from './resolve.ts';
import { materializeTree } from './tree.ts';
import { mirrorKey, type RepoCredentials, splitCredentials } from './url.ts';

/** Credentials for a repository URL (without userinfo), e.g. from a repository Secret; undefined for anonymous. */
export type CredentialsLookup = (repoURL: string) => RepoCredentials | undefined | Promise<RepoCredentials | undefined>;

export interface RepoCacheOptions {
  /** Mirrors live in `cacheDir/mirrors/`, commit trees in `cacheDir/trees/<sha>`. Reusing it keeps both. */
  cacheDir: string;
  clock: Clock;
  /** Aborting it cancels every running git process of this cache. */
  signal?: AbortSignal;
  /** Basic-auth credentials per repo; userinfo in a repoURL is used when this returns nothing. */
  credentials?: CredentialsLookup;
  /**
   * How long a remote's advertised refs are reused before `resolveRevision` asks the server again. Argo CD keeps
   * resolved revisions for 3 minutes (`--revision-cache-expiration`) but bypasses that on refresh; the default 0 asks
   * on every call (one cheap `ls-remote`), which is what makes a webhook-triggered refresh see the push at once.
   */
  refsTtlMs?: number;
}

export interface RepoCallOptions {
  signal?: AbortSignal;
}

/**
 * Git access for the reconciler: one bare mirror per repository URL, revisions resolved as Argo CD resolves them,
 * and one read-only tree per commit shared by every source and app. Concurrent calls for the same repository share
 * one fetch; concurrent checkouts of the same commit share one tree.
 */
export class RepoCache {
  readonly #cacheDir: string;
  readonly #clock: Clock;
  readonly #signal: AbortSignal | undefined;
  readonly #credentials: CredentialsLookup | undefined;
  readonly #refsTtlMs: number;
  readonly #fetches = new Coalescer<void>();
  readonly #lsRemotes = new Coalescer<RemoteRefs>();
  readonly #checkouts = new Coalescer<string>();
  readonly #refs = new Map<string, { at: number; refs: RemoteRefs }>();

  constructor(options: RepoCacheOptions) {
    this.#cacheDir = resolve(options.cacheDir);
    this.#clock = options.clock;
    this.#signal = options.signal;
    this.#credentials = options.credentials;
    this.#refsTtlMs = options.refsTtlMs ?? 0;
  }

  /**
   * The commit SHA a targetRevision names: a branch, a tag, `HEAD` (the remote's default branch), `refs/heads/x`,
   * `refs/tags/x`, a semver constraint over tags, or a full or short commit SHA. Throws a RepoError naming the repo
   * and revision when the revision is unknown or the server cannot be reached.
   */
  async resolveRevision(repoURL: string, targetRevision: string, options: RepoCallOptions = {}): Promise<string> {
    const { url } = splitCredentials(repoURL);
    const revision = targetRevision.trim();
    if (isCommitSHA(revision)) {
      const sha = revision.toLowerCase();
      await this.#ensureCommit(repoURL, sha, revision, options.signal);
      return sha;
    }
    const refs = await abortable(this.#remoteRefs(repoURL), options.signal);
    const resolution = resolveAgainstRefs(refs, revision);
    if (resolution.kind === 'commit') return resolution.sha;
    if (resolution.kind === 'short-sha') {
      await abortable(this.fetch(repoURL), options.signal);
      const sha = await this.#revParse(url, resolution.prefix, options.signal);
      if (sha) return sha;
    }
    throw new RepoError(
      'RevisionNotFound',
      `repository ${url}: unable to resolve '${revision || 'HEAD'}' to a commit SHA: no branch, tag or commit by that name; check spec.source.targetRevision`,
      { repoURL: url, revision },
    );
  }

  /**
   * The directory holding the files of `sha`, materialized once and shared. Fetches first when the commit is not in
   * the mirror yet. Do not write into it.
   */
  async checkout(repoURL: string, sha: string, options: RepoCallOptions = {}): Promise<string> {
    const { url } = splitCredentials(repoURL);
    if (!isCommitSHA(sha)) {
      throw new RepoError('RevisionNotFound', `repository ${url}: checkout needs a full commit SHA, got '${sha}'`, {
        repoURL: url,
        revision: sha,
      });
    }
    const commit = sha.toLowerCase();
    const target = join(this.#cacheDir, 'trees', commit);
    if (await isDirectory(target)) return target;
    return abortable(
      this.#checkouts.run(commit, async () => {
        await this.#ensureCommit(repoURL, commit, sha, this.#signal);
        return materializeTree({
          mirrorDir: this.#mirrorDir(url),
          treesDir: join(this.#cacheDir, 'trees'),
          sha: commit,
          repoURL: url,
          signal: this.#signal,
        });
      }),
      options.signal,
    );
  }

  /**
   * Clones the mirror (`git clone --mirror`) or updates it (`git fetch --prune`). Concurrent calls for one repository
   * share a single git process. A failed first clone leaves nothing behind.
   */
  fetch(repoURL: string, options: RepoCallOptions = {}): Promise<void> {
    const { url } = splitCredentials(repoURL);
    return abortable(
      this.#fetches.run(mirrorKey(url), () => this.#fetchNow(repoURL)),
      options.signal,
    );
  }

  async #fetchNow(repoURL: string): Promise<void> {
    const { url, credentials: inline } = splitCredentials(repoURL);
    const credentials = (await this.#credentials?.(url)) ?? inline;
    const mirror = this.#mirrorDir(url);
    if (await isDirectory(mirror)) {
      await runGit({
        args: ['fetch', '--prune', '--quiet', 'origin'],
        cwd: mirror,
        repoURL: url,
        credentials,
        signal: this.#signal,
      });
      return;
    }
    const mirrors = join(this.#cacheDir, 'mirrors');
    await mkdir(mirrors, { recursive: true });
    const scratch = await mkdtemp(join(mirrors, '.tmp-'));
    try {
      await runGit({
        args: ['clone', '--mirror', '--quiet', url, join(scratch, 'repo.git')],
        repoURL: url,
        credentials,
        signal: this.#signal,
      });
      await rename(join(scratch, 'repo.git'), mirror);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  async #remoteRefs(repoURL: string): Promise<RemoteRefs> {
    const { url, credentials: inline } = splitCredentials(repoURL);
    const key = mirrorKey(url);
    const cached = this.#refs.get(key);
    if (cached && this.#refsTtlMs > 0 && this.#clock.now() - cached.at < this.#refsTtlMs) return cached.refs;
    return this.#lsRemotes.run(key, async () => {
      const credentials = (await this.#credentials?.(url)) ?? inline;
      const output = await runGit({
        args: ['ls-remote', '--symref', url],
        repoURL: url,
        credentials,
        signal: this.#signal,
      });
      const refs = parseLsRemote(output);
      this.#refs.set(key, { at: this.#clock.now(), refs });
      return refs;
    });
  }

  /** Makes sure the mirror holds `sha`, fetching once if it does not. */
  async #ensureCommit(repoURL: string, sha: string, revision: string, signal: AbortSignal | undefined): Promise<void> {
    const { url } = splitCredentials(repoURL);
    if (await this.#hasCommit(url, sha, signal)) return;
    await abortable(this.fetch(repoURL), signal);
    if (await this.#hasCommit(url, sha, signal)) return;
    throw new RepoError(
      'RevisionNotFound',
      `repository ${url}: commit '${revision}' not found after fetching; check spec.source.targetRevision`,
      { repoURL: url, revision },
    );
  }

  async #hasCommit(url: string, sha: string, signal: AbortSignal | undefined): Promise<boolean> {
    return (await this.#revParse(url, sha, signal)) === sha;
  }

  /** `git rev-parse --verify <rev>^{commit}` in the mirror; undefined when absent, ambiguous, or no mirror yet. */
  async #revParse(url: string, rev: string, signal: AbortSignal | undefined): Promise<string | undefined> {
    const mirror = this.#mirrorDir(url);
    if (!(await isDirectory(mirror))) return undefined;
    try {
      const out = await runGit({
        args: ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`],
        cwd: mirror,
        repoURL: url,
        revision: rev,
        signal,
      });
      return out.trim() || undefined;
    } catch (error) {
      if (error instanceof RepoError && error.code === 'GitFailed') return undefined;
      throw error;
    }
  }

  #mirrorDir(url: string): string {
    return join(this.#cacheDir, 'mirrors', `${mirrorKey(url)}.git`);
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
