import semver from 'semver';

/**
 * Parses a tag as a semantic version the lenient way Masterminds/semver does: a `v` prefix is allowed and missing
 * minor or patch numbers count as 0 (`v1.2` is 1.2.0). Undefined when the tag is not a version.
 */
export function tagVersion(tag: string): semver.SemVer | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/.exec(tag);
  if (!match) return undefined;
  const text = `${match[1]}.${match[2] ?? '0'}.${match[3] ?? '0'}${match[4] ?? ''}${match[5] ?? ''}`;
  return semver.parse(text) ?? undefined;
}

/**
 * A semver range, or undefined when the constraint is not one. As in Masterminds/semver, pre-releases only match
 * when the constraint names one; `2.x-0` (a wildcard with a pre-release) allows every pre-release of 2.x.
 */
export function parseConstraint(constraint: string): semver.Range | undefined {
  const includePrerelease = /[xX*]-[0-9A-Za-z.]+/.test(constraint);
  const text = constraint.replace(/([xX*])-[0-9A-Za-z.]+/g, '$1');
  try {
    return new semver.Range(text, { includePrerelease });
  } catch {
    return undefined;
  }
}
