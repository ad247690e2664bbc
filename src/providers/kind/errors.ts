import { SandboxError } from '../../errors.ts';

export type KindErrorCode =
  | 'CommandNotFound'
  | 'CommandFailed'
  | 'ContainerFailed'
  | 'UnexpectedOutput'
  | 'UnknownNode'
  | 'UnsupportedOption';

/** Everything the kind provider can fail with: a stable code, what failed, and what to do about it. */
export class KindError extends SandboxError {
  declare readonly code: KindErrorCode;

  constructor(code: KindErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
