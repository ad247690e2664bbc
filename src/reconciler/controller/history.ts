import type { ApplicationStatus } from '../application/index.ts';

export type HistoryEntry = NonNullable<ApplicationStatus['history']>[number];

/**
 * argo-cd `setOperationState` → `app.Status.History` (controller/sync.go ~L483): an entry only for a successful sync
 * that was not a dry run and had no `resources` filter (so self-heal syncs add none); id = last id + 1 (the first is
 * 0), then only the newest `revisionHistoryLimit` entries are kept.
 */
export function appendHistory(
  history: readonly HistoryEntry[] | undefined,
  entry: Omit<HistoryEntry, 'id'>,
  limit: number,
): HistoryEntry[] {
  const list = [...(history ?? [])];
  const id = list.length > 0 ? list[list.length - 1]!.id + 1 : 0;
  list.push({ id, ...entry });
  return list.length > limit ? list.slice(list.length - limit) : list;
}
