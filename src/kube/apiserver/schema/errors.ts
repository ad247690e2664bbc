import { SandboxError } from '../../../errors.ts';

/** A problem building or registering a schema: a bug in a table, or a CRD schema the registry cannot use. */
export class SchemaError extends SandboxError {
  constructor(code: 'SCHEMA_MODEL_NOT_FOUND' | 'SCHEMA_INVALID_CRD', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
