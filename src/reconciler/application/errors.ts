import { SandboxError } from '../../errors.ts';

/** An Application field the reconciler cannot interpret, e.g. a retry duration that does not parse. */
export class ApplicationSpecError extends SandboxError {
  declare readonly code: 'APPLICATION_DURATION_INVALID';

  constructor(message: string, options?: { cause?: unknown }) {
    super('APPLICATION_DURATION_INVALID', message, options);
  }
}
