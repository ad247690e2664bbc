import { SandboxError } from '../../errors.ts';

export type LiveStateErrorCode = 'LIVE_STATE_CLOSED';

/** A live-state cache that cannot serve a request, e.g. one made after its signal aborted. */
export class LiveStateError extends SandboxError {
  declare readonly code: LiveStateErrorCode;

  constructor(code: LiveStateErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
