import { SandboxError } from '../../errors.ts';

export type ManifestsErrorCode = 'MANIFESTS_UNREADABLE' | 'MANIFESTS_APPLY_FAILED' | 'CRD_NOT_ESTABLISHED';

/** Installing the reconciler's own manifests (sandbox/reconciler/) failed; the message names the file or object. */
export class ReconcilerManifestsError extends SandboxError {
  declare readonly code: ManifestsErrorCode;

  constructor(code: ManifestsErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
