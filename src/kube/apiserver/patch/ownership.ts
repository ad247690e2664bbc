import type { Comparison } from './compare.ts';
import { ApplyConflictError } from './errors.ts';
import { describeFieldPath, type FieldSet } from './field-set.ts';
import type { Manager } from './managed-fields.ts';

/**
 * Moves ownership after a write (structured-merge-diff's Updater.update): other managers that own a field the
 * write added or changed are in conflict — an error unless `force`, otherwise they lose those fields — and every
 * manager loses fields the write removed. Mutates `managers`.
 */
export function settleOwnership(options: {
  managers: Map<string, Manager>;
  actingId: string;
  comparison: Comparison;
  force: boolean;
}): void {
  const { managers, actingId, comparison, force } = options;
  const changed = comparison.modified.union(comparison.added);
  const conflicts: { manager: Manager; set: FieldSet }[] = [];
  for (const [id, manager] of managers) {
    if (id === actingId) continue;
    const set = manager.set.intersection(changed);
    if (!set.empty) conflicts.push({ manager, set });
  }
  if (conflicts.length > 0 && !force) throw conflictError(conflicts);
  for (const { manager, set } of conflicts) manager.set = manager.set.difference(set);
  for (const [id, manager] of managers) {
    if (id !== actingId && !comparison.removed.empty) manager.set = manager.set.difference(comparison.removed);
    if (manager.set.empty) managers.delete(id);
  }
}

/** Kubernetes' wording, e.g. `Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas`. */
function conflictError(conflicts: { manager: Manager; set: FieldSet }[]): ApplyConflictError {
  const sorted = [...conflicts].sort((a, b) => (describeManager(a.manager) < describeManager(b.manager) ? -1 : 1));
  const flat = sorted.flatMap(({ manager, set }) =>
    set.paths().map((path) => ({ manager, field: describeFieldPath(path) })),
  );
  let message: string;
  if (flat.length === 1) {
    const [only] = flat as [(typeof flat)[number]];
    message = `Apply failed with 1 conflict: conflict with ${describeManager(only.manager)}: ${only.field}`;
  } else {
    const lines = sorted.flatMap(({ manager, set }) => [
      `conflicts with ${describeManager(manager)}:`,
      ...set.paths().map((path) => `- ${describeFieldPath(path)}`),
    ]);
    message = `Apply failed with ${flat.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApplyConflictError(
    message,
    flat.map(({ manager, field }) => ({ manager: manager.manager, field })),
  );
}

function describeManager(manager: Manager): string {
  let text = JSON.stringify(manager.manager);
  if (manager.subresource) text += ` with subresource ${JSON.stringify(manager.subresource)}`;
  if (manager.operation === 'Update') text += ` using ${manager.apiVersion}`;
  return text;
}
