/** The refs a remote advertises, from `git ls-remote --symref`. */
export interface RemoteRefs {
  /** Full ref name → object id, in the order git printed them (sorted by name, HEAD first). */
  hashes: Map<string, string>;
  /** Annotated tags: `refs/tags/x` → the commit the tag object points to (the `^{}` lines). */
  peeled: Map<string, string>;
  /** Symbolic refs, e.g. `HEAD` → `refs/heads/main`. */
  symbolic: Map<string, string>;
}

/** Parses `git ls-remote --symref <url>` output. */
export function parseLsRemote(output: string): RemoteRefs {
  const refs: RemoteRefs = { hashes: new Map(), peeled: new Map(), symbolic: new Map() };
  for (const line of output.split('\n')) {
    if (!line) continue;
    const [left, name] = line.split('\t');
    if (left === undefined || name === undefined) continue;
    if (left.startsWith('ref: ')) {
      refs.symbolic.set(name, left.slice('ref: '.length));
    } else if (name.endsWith('^{}')) {
      refs.peeled.set(name.slice(0, -3), left);
    } else {
      refs.hashes.set(name, left);
    }
  }
  return refs;
}

/** go-git's `ReferenceName.Short()`: refs/heads/x, refs/tags/x and refs/remotes/x all shorten to x. */
export function shortRefName(name: string): string {
  for (const prefix of ['refs/heads/', 'refs/tags/', 'refs/remotes/']) {
    if (name.startsWith(prefix)) return name.slice(prefix.length);
  }
  return name;
}
