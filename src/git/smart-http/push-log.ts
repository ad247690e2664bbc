import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RefUpdate } from '../repo/push.ts';

export const PUSH_LOG_ENV = 'GITOPS_SANDBOX_PUSH_LOG';

/**
 * A shared post-receive hook (enabled per request through core.hooksPath) that appends git's exact `old new ref`
 * lines to a file named by the request's environment, so racing pushes are attributed correctly.
 */
const SCRIPT = `#!/bin/sh
# Written by gitops-sandbox: hands accepted ref updates back to the server process that ran this push.
if [ -n "$${PUSH_LOG_ENV}" ]; then cat >> "$${PUSH_LOG_ENV}"; else cat > /dev/null; fi
`;

/** Writes the hook into `{dataDir}/hooks` and returns that folder. */
export async function installPushHook(dataDir: string): Promise<string> {
  const hooksDir = join(dataDir, 'hooks');
  await mkdir(hooksDir, { recursive: true });
  const file = join(hooksDir, 'post-receive');
  await writeFile(file, SCRIPT);
  await chmod(file, 0o755);
  await mkdir(join(dataDir, 'tmp'), { recursive: true });
  return hooksDir;
}

export function newPushLogPath(dataDir: string): string {
  return join(dataDir, 'tmp', `push-${randomBytes(8).toString('hex')}.log`);
}

/** Reads and removes a push log; a push that updated nothing leaves no file. */
export async function takePushLog(file: string): Promise<RefUpdate[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  await rm(file, { force: true });
  const updates: RefUpdate[] = [];
  for (const line of text.split('\n')) {
    const [before, after, ref] = line.trim().split(' ');
    if (before && after && ref) updates.push({ before, after, ref });
  }
  return updates;
}
