import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutionContext } from 'ava';
import type { Manifest } from '../../../src/reconciler/render/index.ts';

/** A temp directory holding `files` (path → content), removed when the test ends. */
export async function tree(t: ExecutionContext, files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'render-test-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await writeFiles(dir, files);
  return dir;
}

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

/** `Kind/name` of each manifest, for compact assertions. */
export function names(manifests: Manifest[]): string[] {
  return manifests.map((m) => `${m['kind']}/${(m['metadata'] as { name?: string } | undefined)?.name}`);
}

export function find(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find(
    (m) => m['kind'] === kind && (m['metadata'] as { name?: string } | undefined)?.name === name,
  );
  if (!found) throw new Error(`${kind}/${name} not rendered; got ${names(manifests).join(', ')}`);
  return found;
}

export const configMap = (name: string, extra = ''): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n${extra}`;
