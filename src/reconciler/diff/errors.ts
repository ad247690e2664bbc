import { SandboxError } from '../../errors.ts';

export type DiffErrorCode = 'JQ_PATH_UNSUPPORTED' | 'JSON_POINTER_INVALID';

/** An ignoreDifferences rule the diff cannot apply; its message names the rule and says what is supported. */
export class DiffError extends SandboxError {
  declare readonly code: DiffErrorCode;

  constructor(code: DiffErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
