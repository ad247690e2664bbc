import semver from 'semver';
import { type RemoteRefs, shortRefName } from './refs.ts';

/** A full 40-hex commit SHA (Argo CD `git.IsCommitSHA`). */
export function isCommitSHA(revision: string): boolean {
  return /^[0-9a-f]{40}$/i.test(revision);
}

/** A truncated SHA: 7 or more hex digits (Argo CD `git.IsTruncatedCommitSHA`). */
export function isTruncatedCommitSHA(revision: string): boolean {
  return /^[0-9a-f]{7,}$/i.test(revision);
}

/**
 * What a targetRevision resolves to against a remote's refs, following Argo CD's `nativeGitClient.lsRemote`
 * (util/git/client.go):
 * 1. empty → HEAD;
 * 2. a valid semver constraint → the highest tag satisfying it, if any;
 * 3. a ref whose full name or short name (`main`, `v1.0`, `refs/heads/main`, `refs/tags/v1.0`) equals the revision;
 *    a symbolic ref (HEAD) → its target;
 * 4. 7+ hex digits → a (short) commit SHA, to be looked up in the fetched objects.
 *
 * Deviations, on purpose: annotated tags resolve to the commit they point to (the peeled `^{}` value) rather than the
 * tag object, so the revision always names a commit; when a branch and a tag share a name, the branch wins (go-git
 * iterates a map there, so Argo CD's choice is not stable).
 */
export type Resolution = { kind: 'commit'; sha: string } | { kind: 'short-sha'; prefix: string } | { kind: 'unknown' };

export function resolveAgainstRefs(refs: RemoteRefs, targetRevision: string): Resolution {
  const revision = targetRevision === '' ? 'HEAD' : targetRevision;
  const commitOf = (name: string): string | undefined => refs.peeled.get(name) ?? refs.hashes.get(name);

  const range = semverRange(revision);
  if (range !== undefined) {
    let best: { version: semver.SemVer; name: string } | undefined;
    for (const name of refs.hashes.keys()) {
      if (!name.startsWith('refs/tags/')) continue;
      const version = parseTagVersion(shortRefName(name));
      if (!version || !semver.satisfies(version, range)) continue;
      // Masterminds' GreaterThan from a 0.0.0 start: 0.0.0 itself never wins.
      if (semver.gt(version, best?.version ?? '0.0.0')) best = { version, name };
    }
    const sha = best && commitOf(best.name);
    if (sha) return { kind: 'commit', sha };
  }

  const ordered = [...refs.hashes.keys()].sort(refPrecedence);
  for (const name of ordered) {
    if (name === revision || shortRefName(name) === revision) {
      const sha = commitOf(name);
      if (sha) return { kind: 'commit', sha };
    }
  }
  const target = refs.symbolic.get(revision);
  if (target !== undefined) {
    const sha = commitOf(target);
    if (sha) return { kind: 'commit', sha };
  }
  // A symbolic HEAD the server did not advertise as such (protocol v0 without --symref support): its hash line.
  if (revision === 'HEAD' && refs.hashes.has('HEAD')) return { kind: 'commit', sha: refs.hashes.get('HEAD')! };

  if (isCommitSHA(revision)) return { kind: 'commit', sha: revision.toLowerCase() };
  if (isTruncatedCommitSHA(revision)) return { kind: 'short-sha', prefix: revision.toLowerCase() };
  return { kind: 'unknown' };
}

/** HEAD first, then branches, then tags, then the rest; by name inside a group. */
function refPrecedence(a: string, b: string): number {
  const rank = (name: string) =>
    name === 'HEAD' ? 0 : name.startsWith('refs/heads/') ? 1 : name.startsWith('refs/tags/') ? 2 : 3;
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A semver range as Masterminds' `NewConstraint` would accept it, or undefined for branch names like `main`. */
function semverRange(revision: string): string | undefined {
  if (revision === 'HEAD' || isTruncatedCommitSHA(revision)) return undefined;
  const range = semver.validRange(revision, { loose: true });
  return range === null ? undefined : revision;
}

/** Masterminds' `NewVersion` accepts a `v` prefix and missing minor/patch parts. */
function parseTagVersion(tag: string): semver.SemVer | null {
  const padded = /^v?\d+(\.\d+)?$/.test(tag) ? `${tag.replace(/^v/, '')}${tag.includes('.') ? '.0' : '.0.0'}` : tag;
  return semver.parse(padded, { loose: true });
}
