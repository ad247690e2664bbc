import { SandboxError } from '../../../errors.ts';

export type SyncEngineErrorCode = 'SYNC_STEP_FAILED';

/** A sync step that could not finish for a reason outside any one resource (the operation ends in phase Error). */
export class SyncEngineError extends SandboxError {
  declare readonly code: SyncEngineErrorCode;

  constructor(code: SyncEngineErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
