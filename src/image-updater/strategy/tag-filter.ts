import picomatch from 'picomatch';

/** `allow-tags`: `any` (the default), or `regexp:<re>`. An unusable value matches nothing, as the real tool does. */
export type AllowTags = { kind: 'any' } | { kind: 'regexp'; pattern: RegExp } | { kind: 'none'; why: string };

export function parseAllowTags(value: string | undefined): AllowTags {
  if (value === undefined || value === '' || value === 'any') return { kind: 'any' };
  if (value.startsWith('regexp:')) {
    const source = value.slice('regexp:'.length);
    try {
      return { kind: 'regexp', pattern: new RegExp(source) };
    } catch (error) {
      return {
        kind: 'none',
        why: `invalid regular expression '${source}' (${error instanceof Error ? error.message : String(error)})`,
      };
    }
  }
  return { kind: 'none', why: `unknown match function '${value}'` };
}

/** `ignore-tags`: comma-separated globs; `*` ignores every tag. */
export function parseIgnoreTags(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((glob) => glob.trim())
    .filter((glob) => glob !== '');
}

/** The tags that pass both filters, in the order given. */
export function filterTags(tags: readonly string[], allow: AllowTags, ignore: readonly string[]): string[] {
  const ignored = ignore.length > 0 ? picomatch(ignore as string[], { dot: true }) : () => false;
  return tags.filter((tag) => {
    if (ignored(tag)) return false;
    if (allow.kind === 'none') return false;
    if (allow.kind === 'regexp') return allow.pattern.test(tag);
    return true;
  });
}
