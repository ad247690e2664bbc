import type { JsonObject } from '../../object.ts';
import type { Schema } from '../schema/schema.ts';
import type { FieldSet } from './field-set.ts';
import { ensureNamedFieldsAreMembers, removeItemsFrom } from './remove-items.ts';
import { toFieldSet } from './to-field-set.ts';

/**
 * Removes what an applier stopped applying (structured-merge-diff's Updater.prune): fields in its previous set that
 * no manager — the applier's new set included — owns any more. Fields nobody ever owned are left alone.
 */
export function prune(options: {
  merged: JsonObject;
  lastSet: FieldSet;
  managed: FieldSet;
  schema: Schema | undefined;
}): JsonObject {
  const { merged, schema } = options;
  const ensure = (set: FieldSet): FieldSet => ensureNamedFieldsAreMembers(set, schema);
  const fieldsOf = (value: JsonObject): FieldSet => ensure(toFieldSet(value, schema, { strict: false }));
  const last = ensure(options.lastSet);
  const mergedSet = fieldsOf(merged);

  // Drop everything the applier owned, then put back whatever some manager still owns.
  const stripped = removeItemsFrom(merged, last, schema) as JsonObject;
  const owned = removeItemsFrom(
    merged,
    mergedSet.difference(fieldsOf(stripped).union(ensure(options.managed))),
    schema,
  ) as JsonObject;
  // Only what the applier owned may go: put back the unowned fields it never had.
  return removeItemsFrom(merged, mergedSet.difference(fieldsOf(owned)).intersection(last), schema) as JsonObject;
}
