import { posix } from 'node:path';
import picomatch from 'picomatch';

/** Annotation listing the paths an app's manifests depend on (argo-cd `AnnotationKeyManifestGeneratePaths`). */
export const MANIFEST_GENERATE_PATHS_ANNOTATION = 'argocd.argoproj.io/manifest-generate-paths';

/**
 * The refresh paths of an app (util/app/path/path.go `GetAppRefreshPaths`): `;`-separated entries; one starting with
 * `/` is relative to the repository root; any other is joined to each source's `path` and cleaned. Empty when the
 * annotation is absent.
 */
export function refreshPaths(annotation: string | undefined, sourcePaths: readonly string[]): string[] {
  const paths: string[] = [];
  for (const item of (annotation ?? '').split(';')) {
    if (item === '') continue;
    if (item.startsWith('/')) paths.push(item.slice(1));
    else for (const sourcePath of sourcePaths) paths.push(posix.normalize(posix.join(sourcePath, item)));
  }
  return paths;
}

const absolute = (p: string) => posix.normalize(p.startsWith('/') ? p : `/${p}`);

/**
 * Whether a push touches an app (`AppFilesHaveChanged`): always when the payload lists no files or the app has no
 * refresh paths; otherwise when a changed file equals a refresh path, lies under it, or matches it as a glob
 * (Go `filepath.Match`: `*` and `?` never cross `/`).
 */
export function filesHaveChanged(paths: readonly string[], changedFiles: readonly string[]): boolean {
  if (changedFiles.length === 0 || paths.length === 0) return true;
  return changedFiles.some((file) => {
    const f = absolute(file);
    return paths.some((path) => {
      const p = absolute(path);
      return (
        f === p ||
        f.startsWith(p === '/' ? '/' : `${p}/`) ||
        picomatch.isMatch(f, p, { dot: true, nobrace: true, noextglob: true, noglobstar: true })
      );
    });
  });
}
