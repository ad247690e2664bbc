import { SandboxError } from '../errors.ts';

/** Stable codes of the git server boundary. */
export type GitServerErrorCode =
  | 'GIT_COMMAND_FAILED'
  | 'GIT_STATE_CORRUPT'
  | 'GIT_SERVER_START_FAILED'
  | 'GIT_SERVER_CLOSED'
  | 'GIT_REF_CONFLICT'
  | 'GIT_BRANCH_NOT_FOUND'
  | 'GIT_BRANCH_EXISTS'
  | 'GIT_FILE_NOT_FOUND'
  | 'GIT_FILE_EXISTS'
  | 'GIT_SHA_MISMATCH'
  | 'GIT_SHA_REQUIRED'
  | 'GIT_PATH_INVALID'
  | 'GIT_REPO_EMPTY';

export class GitServerError extends SandboxError {
  declare readonly code: GitServerErrorCode;

  constructor(code: GitServerErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
