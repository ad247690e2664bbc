import semver from 'semver';
import { parseRevision } from './push-event.ts';

/**
 * Whether a push to `revision` concerns a source tracking `targetRevision` (argo-cd webhook.go
 * `sourceRevisionHasChanged` / `compareRevisions`): HEAD or empty follows the default branch (`touchedHead`);
 * `refs/heads/x` and `refs/tags/x` compare by their short name; anything else compares exactly, or — when it is a
 * semver constraint such as `1.2.*` or `>=1.0.0 <2` — checks the pushed tag against it.
 *
 * Argo CD uses Masterminds/semver; the `semver` package here parses the pushed version loosely (a leading `v` is
 * fine) and, like Masterminds, treats a non-constraint target (a branch name) as no match.
 */
export function revisionMatches(targetRevision: string | undefined, revision: string, touchedHead: boolean): boolean {
  const target = targetRevision ?? '';
  const short = parseRevision(target);
  if (short === 'HEAD' || short === '') return touchedHead;
  if (target.startsWith('refs/heads/') || target.startsWith('refs/tags/')) return compareRevisions(revision, short);
  return compareRevisions(revision, target);
}

function compareRevisions(revision: string, target: string): boolean {
  if (revision === target) return true;
  const range = semver.validRange(target, { loose: true });
  if (range === null) return false;
  // Masterminds also accepts partial versions (`1.2` → 1.2.0); coerce only those, not arbitrary strings.
  const version =
    semver.parse(revision, { loose: true }) ?? (/^v?\d+(\.\d+)?$/.test(revision) ? semver.coerce(revision) : null);
  return version !== null && semver.satisfies(version, range, { loose: true });
}
