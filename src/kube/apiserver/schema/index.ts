export { applySchemaDefaults } from './defaults.ts';
export { SchemaError } from './errors.ts';
export { pruneUnknownFields } from './prune.ts';
export { SchemaRegistry } from './registry.ts';
export type { Schema } from './schema.ts';
export { type ValidateOptions, type ValidationResult, validateAgainstSchema } from './validate.ts';
