/** Patch algorithms of the embedded API server: pure functions over plain JSON, no HTTP and no storage. */
export { type ApplyConflict, ApplyConflictError, PatchError } from './errors.ts';
export { describeFieldPath, FieldSet } from './field-set.ts';
export { applyJsonPatch } from './json-patch.ts';
export { applyMergePatch } from './merge-patch.ts';
export { type ServerSideApplyOptions, serverSideApply } from './server-side-apply.ts';
export { applyStrategicMergePatch } from './strategic-merge-patch.ts';
export { type UpdateManagedFieldsOptions, updateManagedFields } from './update-managed-fields.ts';
