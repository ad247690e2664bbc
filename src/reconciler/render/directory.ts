import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { RenderError } from './errors.ts';
import { globMatch } from './glob.ts';
import { jsonErrorLine } from './json-error-line.ts';
import { objectProblem, parseDocuments } from './parse-yaml.ts';
import { isInside } from './paths.ts';
import type { DirectorySource, Manifest } from './types.ts';

/** Argo CD reposerver `manifestFile`: the only names a directory source reads. */
const MANIFEST_FILE = /^.*\.(yaml|yml|json|jsonnet)$/;

/**
 * A plain directory source, as Argo CD's `findManifests`: files in lexical walk order, subdirectories only with
 * `recurse`, `exclude` then `include` globs over the path relative to the source path, symlinks followed only inside
 * the repository. YAML may hold many documents; a YAML file that fails to parse is skipped unless it looks like a
 * manifest (contains `apiVersion:`, `kind:` and `metadata:`) or had valid documents before the failure. A JSON file
 * must be exactly one object.
 */
export async function renderDirectory(options: {
  appPath: string;
  repoRoot: string;
  directory: DirectorySource | undefined;
}): Promise<Manifest[]> {
  const { appPath, repoRoot } = options;
  const directory = options.directory ?? {};
  const objects: Manifest[] = [];
  for (const file of await manifestFiles(appPath, repoRoot, directory)) {
    const relPath = relative(appPath, file);
    const repoPath = relative(repoRoot, file);
    if (file.endsWith('.jsonnet')) {
      throw new RenderError(
        'MalformedManifest',
        `${repoPath}: jsonnet is not supported by the sandbox reconciler; render it to YAML or exclude it (directory.exclude: '${relPath}')`,
      );
    }
    const text = await readFile(file, 'utf8');
    if (file.endsWith('.json')) {
      objects.push(parseJsonFile(text, repoPath));
      continue;
    }
    const { objects: parsed, problem } = parseDocuments(text);
    if (problem) {
      const looksLikeManifest = text.includes('apiVersion:') && text.includes('kind:') && text.includes('metadata:');
      if (parsed.length > 0 || looksLikeManifest) {
        throw new RenderError(
          'MalformedManifest',
          `failed to unmarshal ${repoPath} at line ${problem.line}: ${problem.reason}`,
        );
      }
      continue; // an unrelated YAML file (e.g. Helm values, CI config), as Argo CD ignores it
    }
    objects.push(...parsed);
  }
  return objects;
}

async function manifestFiles(appPath: string, repoRoot: string, directory: DirectorySource): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => compareBytes(a.name, b.name));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (directory.recurse) await walk(path);
        continue;
      }
      if (!MANIFEST_FILE.test(entry.name)) continue;
      if (!(await isRegularInside(path, repoRoot))) continue;
      const relPath = relative(appPath, path);
      if (directory.exclude && globMatch(directory.exclude, relPath)) continue;
      if (directory.include && !globMatch(directory.include, relPath)) continue;
      files.push(path);
    }
  };
  await walk(appPath);
  return files;
}

/** Follows a symlinked file; one pointing outside the repository is an error, a dangling one is skipped. */
async function isRegularInside(path: string, repoRoot: string): Promise<boolean> {
  const info = await lstat(path);
  if (!info.isSymbolicLink()) return info.isFile();
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return false;
  }
  if (!isInside(real, repoRoot)) {
    throw new RenderError('MalformedManifest', `illegal filepath in symlink at ${relative(repoRoot, path)}`);
  }
  return (await stat(real)).isFile();
}

function parseJsonFile(text: string, repoPath: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const line = jsonErrorLine(text);
    throw new RenderError(
      'MalformedManifest',
      `failed to unmarshal ${repoPath}${line ? ` at line ${line}` : ''}: ${reason}; a .json file must hold exactly one Kubernetes object`,
      { cause },
    );
  }
  const problem = objectProblem(value);
  if (problem) throw new RenderError('MalformedManifest', `failed to unmarshal ${repoPath} at line 1: ${problem}`);
  return value as Manifest;
}

/** Go sorts file names by bytes; for the ASCII names of manifests this is code-unit order. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
