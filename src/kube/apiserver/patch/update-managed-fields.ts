import type { JsonObject, KubeObject, ManagedFieldsEntry } from '../../object.ts';
import type { Schema } from '../schema/schema.ts';
import { compareValues } from './compare.ts';
import { FieldSet } from './field-set.ts';
import { decodeManagedFields, encodeManagedFields, managerId, STRIPPED_FIELDS } from './managed-fields.ts';
import { withObjectMeta } from './object-meta-schema.ts';
import { settleOwnership } from './ownership.ts';
import { withoutManagedFields } from './server-side-apply.ts';

export interface UpdateManagedFieldsOptions {
  /** The stored object before the write; undefined for a create. */
  before: KubeObject | undefined;
  /** The object about to be stored. Its managedFields, when present, are the client's and replace before's. */
  after: KubeObject;
  manager: string;
  schema: Schema | undefined;
  now: string;
  subresource?: string;
}

/**
 * managedFields after a create, update or non-apply patch (operation "Update"): the manager takes every field the
 * write added or changed, including from other managers, and nobody keeps fields the write removed.
 */
export function updateManagedFields(options: UpdateManagedFieldsOptions): ManagedFieldsEntry[] {
  const { before, after, manager, now, subresource } = options;
  const schema = withObjectMeta(options.schema);
  const managers = decodeManagedFields(after.metadata.managedFields ?? before?.metadata.managedFields);
  const comparison = compareValues(
    before ? withoutManagedFields(before) : ({} as JsonObject),
    withoutManagedFields(after),
    schema,
  );
  const id = managerId({ manager, operation: 'Update', apiVersion: after.apiVersion, subresource });
  settleOwnership({ managers, actingId: id, comparison, force: true });

  const previous = managers.get(id);
  const changes = comparison.added.union(comparison.modified).difference(STRIPPED_FIELDS);
  const set = (previous?.set ?? new FieldSet())
    .difference(comparison.removed)
    .union(changes)
    .difference(STRIPPED_FIELDS);
  const changed = !changes.empty || !comparison.removed.empty;
  managers.set(id, {
    manager,
    operation: 'Update',
    apiVersion: after.apiVersion,
    set,
    ...(changed || !previous?.time ? { time: now } : { time: previous.time }),
    ...(subresource ? { subresource } : {}),
  });
  return encodeManagedFields(managers);
}
