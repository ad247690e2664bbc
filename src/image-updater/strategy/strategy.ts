/** Update strategies of the annotation model (basics/update-strategies.md). */
export type UpdateStrategy = 'semver' | 'newest-build' | 'alphabetical' | 'digest';

/** Legacy names still accepted: `latest` is newest-build, `name` is alphabetical. */
const names: Record<string, UpdateStrategy> = {
  semver: 'semver',
  'newest-build': 'newest-build',
  latest: 'newest-build',
  alphabetical: 'alphabetical',
  name: 'alphabetical',
  digest: 'digest',
};

/** The strategy for a value; undefined for an unknown one (the caller falls back to semver, as the real tool). */
export function parseStrategy(value: string): UpdateStrategy | undefined {
  return names[value.trim().toLowerCase()];
}

/** Whether the strategy needs each tag's image config (its build date), which costs two requests per tag. */
export function needsMetadata(strategy: UpdateStrategy): boolean {
  return strategy === 'newest-build';
}
