import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ExecutionContext } from 'ava';

const GOLDEN_DIR = new URL('./golden/', import.meta.url).pathname;

/**
 * Compares text with test/providers/kind/golden/<name>. Golden files change only on purpose:
 * `UPDATE_GOLDEN=1 npx ava test/providers/kind/` rewrites them, and the diff is reviewed like code.
 */
export async function assertGolden(t: ExecutionContext, name: string, actual: string): Promise<void> {
  const path = join(GOLDEN_DIR, name);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, actual);
    t.pass(`wrote ${name}`);
    return;
  }
  let expected: string;
  try {
    expected = await readFile(path, 'utf8');
  } catch {
    t.fail(`golden file ${name} is missing; create it with UPDATE_GOLDEN=1 npx ava test/providers/kind/ and review it`);
    return;
  }
  t.is(actual, expected, `differs from golden/${name} (UPDATE_GOLDEN=1 rewrites it)`);
}
