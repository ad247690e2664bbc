import { SandboxError } from '../../errors.ts';

export type SeedErrorCode =
  | 'WorldInvalid'
  | 'ImagePublishFailed'
  | 'RepoCreateFailed'
  | 'GitPushFailed'
  | 'WebhookCreateFailed'
  | 'KubernetesWriteFailed'
  | 'WorldNotReady';

/** Seeding the example world into a sandbox failed: the message names the step and the object. */
export class SeedError extends SandboxError {
  declare readonly code: SeedErrorCode;

  constructor(code: SeedErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
