import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';

const dir = join(import.meta.dirname, '..', 'golden');

/**
 * Compares `actual` with test/kube/kubelet/golden/<name>.json; `UPDATE_GOLDEN=1 npx ava test/kube/kubelet`
 * rewrites the fixtures (review the diff before committing).
 */
export function assertGolden(t: ExecutionContext, name: string, actual: unknown): void {
  const file = join(dir, `${name}.json`);
  const json = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(file)) {
    writeFileSync(file, json);
    if (process.env['UPDATE_GOLDEN'] !== '1') t.log(`wrote new golden file ${file}`);
  }
  t.deepEqual(
    JSON.parse(json),
    JSON.parse(readFileSync(file, 'utf8')),
    `golden ${name}.json differs (UPDATE_GOLDEN=1 to accept)`,
  );
}
