import { SandboxError } from '../errors.ts';

export type TimelineErrorCode =
  /** A duration such as '10s' could not be read. */
  | 'InvalidDuration'
  /** waitFor saw no matching event before its timeout. */
  | 'WaitTimeout'
  /** The git server refused to list repositories or to create or delete a webhook. */
  | 'GitHook'
  /** A probe was given a service that is not `namespace/name`. */
  | 'InvalidService';

/** Errors of the timeline recorder, the probe and the expectations, with a stable code. */
export class TimelineError extends SandboxError {
  declare readonly code: TimelineErrorCode;

  constructor(code: TimelineErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
