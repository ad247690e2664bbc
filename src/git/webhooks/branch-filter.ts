import picomatch from 'picomatch';

/**
 * Gitea's hook branch filter: empty or `*` matches everything, otherwise a glob (with `{a,b}` alternatives) matched
 * against the short ref name.
 */
export function matchesBranchFilter(filter: string, ref: string): boolean {
  if (filter === '' || filter === '*') return true;
  const short = ref.replace(/^refs\/(heads|tags)\//, '');
  return picomatch.isMatch(short, filter, { dot: true });
}
