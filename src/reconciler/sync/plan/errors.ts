import { SandboxError } from '../../../errors.ts';

export type SyncPlanErrorCode = 'SYNC_OPTION_UNKNOWN' | 'SYNC_OPTION_INVALID';

/** A sync plan input the reconciler refuses, e.g. an app-level sync option Argo CD does not define. */
export class SyncPlanError extends SandboxError {
  declare readonly code: SyncPlanErrorCode;

  constructor(code: SyncPlanErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
