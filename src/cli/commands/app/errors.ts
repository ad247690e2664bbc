import { SandboxError } from '../../../errors.ts';

/**
 * Exit codes as the argocd CLI uses them: its `errors.CheckError` exits 20 (ErrorGeneric), its plain `log.Fatal`
 * calls (a failed sync phase, resources that need pruning) exit 1, and `app diff` exits 2 on errors.
 */
export const EXIT_GENERIC = 20;
export const EXIT_FATAL = 1;
export const EXIT_DIFF_ERROR = 2;

export type AppCliErrorCode =
  | 'AppNotFound'
  | 'AppExists'
  | 'NoCluster'
  | 'NoApplicationKind'
  | 'OperationInProgress'
  | 'AutoSyncEnabled'
  | 'NoHistory'
  | 'TimedOut'
  | 'OperationFailed'
  | 'PruningRequired'
  | 'HealthDegraded'
  | 'BadInput';

/** A failure of a `gitops-sandbox app …` verb, with the exit code the argocd CLI would use for it. */
export class AppCliError extends SandboxError {
  declare readonly code: AppCliErrorCode;
  readonly exitCode: number;

  constructor(code: AppCliErrorCode, message: string, options: { exitCode?: number; cause?: unknown } = {}) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? EXIT_GENERIC;
  }
}
