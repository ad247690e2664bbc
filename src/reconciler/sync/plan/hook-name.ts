import type { SyncPhase } from './hooks.ts';

/**
 * The name of a hook that only has `metadata.generateName`: generateName + `<rev7>-<phase>-<unix start>`, lowercased,
 * so the same operation always names it the same way (gitops-engine `getSyncTasks`). The revision is cut to 7
 * characters only when it has 8 or more; `startedAt` is the operation's start in epoch milliseconds.
 */
export function hookName(options: {
  generateName: string;
  revision: string;
  phase: SyncPhase;
  startedAt: number;
}): string {
  const revision = options.revision.length >= 8 ? options.revision.slice(0, 7) : options.revision;
  const unix = Math.floor(options.startedAt / 1000);
  return `${options.generateName}${`${revision}-${options.phase}-${unix}`.toLowerCase()}`;
}
