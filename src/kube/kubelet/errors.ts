import { SandboxError } from '../../errors.ts';

export type KubeletErrorCode = 'POD_CIDR_EXHAUSTED' | 'NODE_REGISTRATION_FAILED' | 'INVALID_NODE_INDEX';

/** Errors of the simulated kubelets, with stable codes. */
export class KubeletError extends SandboxError {
  declare readonly code: KubeletErrorCode;

  constructor(code: KubeletErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
