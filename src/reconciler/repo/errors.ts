import { SandboxError } from '../../errors.ts';

/**
 * Stable codes of the repo boundary. The reconciler turns any of them into a ComparisonError condition, as Argo CD
 * does when the repo-server cannot resolve or fetch a source.
 */
export type RepoErrorCode =
  /** The git server did not answer, refused the connection or answered 5xx. Retry later; nothing was cached. */
  | 'RepoUnreachable'
  /** The server answered 401/403: credentials are missing or wrong. */
  | 'AuthenticationFailed'
  /** The server answered, but there is no repository at that URL. */
  | 'RepoNotFound'
  /** The repository exists but has no branch, tag or commit matching the revision. */
  | 'RevisionNotFound'
  /** The git CLI is not installed. */
  | 'GitNotFound'
  /** Any other git failure; the message carries git's stderr. */
  | 'GitFailed';

export class RepoError extends SandboxError {
  declare readonly code: RepoErrorCode;
  /** The repository URL without credentials. */
  readonly repoURL: string;
  readonly revision: string | undefined;

  constructor(
    code: RepoErrorCode,
    message: string,
    options: { repoURL: string; revision?: string | undefined; cause?: unknown },
  ) {
    super(code, message, { cause: options.cause });
    this.repoURL = options.repoURL;
    this.revision = options.revision;
  }
}
