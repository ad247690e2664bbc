import { SandboxError } from '../../errors.ts';

export type ControllerErrorCode =
  | 'CONTROLLER_OPTIONS_INVALID'
  | 'CONTROLLER_APP_NOT_FOUND'
  | 'CONTROLLER_OPERATION_INVALID'
  | 'CONTROLLER_WEBHOOK_LISTEN_FAILED';

/** The application controller's own failures (not the git, render, diff or cluster ones it reports as conditions). */
export class ControllerError extends SandboxError {
  declare readonly code: ControllerErrorCode;

  constructor(code: ControllerErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
