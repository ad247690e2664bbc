import type semver from 'semver';
import { tagVersion } from './semver-tags.ts';
import type { UpdateStrategy } from './strategy.ts';

/** A tag the strategy may pick, with what it needs to compare it. */
export interface TagCandidate {
  tag: string;
  /** Build time (ms since the epoch) from the image config; newest-build only. */
  created?: number;
}

export interface Choice {
  tag: string;
  /** Why this tag won, for the decision log. */
  reason: string;
  /** How many tags the strategy compared after filtering. */
  considered: number;
}

/**
 * Picks the tag a tag-based strategy would deploy (digest is handled by resolving its one tag):
 * - semver: the highest version satisfying the constraint (tags that are not versions are skipped);
 * - newest-build: the most recent build date, ties broken by the lexically highest tag;
 * - alphabetical: the lexically highest tag.
 */
export function chooseTag(
  strategy: Exclude<UpdateStrategy, 'digest'>,
  candidates: readonly TagCandidate[],
  constraint?: semver.Range,
): Choice | undefined {
  if (strategy === 'semver') {
    let best: { tag: string; version: semver.SemVer } | undefined;
    let considered = 0;
    for (const { tag } of candidates) {
      const version = tagVersion(tag);
      if (!version) continue;
      if (constraint && !constraint.test(version)) continue;
      considered++;
      if (!best || version.compare(best.version) > 0) best = { tag, version };
    }
    if (!best) return undefined;
    const within = constraint ? ` satisfying '${constraint.raw}'` : '';
    return { tag: best.tag, considered, reason: `highest semantic version${within} of ${considered} version tags` };
  }
  if (candidates.length === 0) return undefined;
  const sorted = [...candidates].sort((a, b) => {
    if (strategy === 'newest-build') {
      const byDate = (a.created ?? 0) - (b.created ?? 0);
      if (byDate !== 0) return byDate;
    }
    return a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0;
  });
  const best = sorted.at(-1)!;
  const reason =
    strategy === 'newest-build'
      ? `newest build (created ${best.created === undefined ? 'unknown' : new Date(best.created).toISOString()}) of ${candidates.length} tags`
      : `lexically highest of ${candidates.length} tags`;
  return { tag: best.tag, considered: candidates.length, reason };
}
