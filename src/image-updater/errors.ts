import { SandboxError } from '../errors.ts';

export type ImageUpdaterErrorCode =
  | 'InvalidAnnotation'
  | 'InvalidRegistriesConf'
  | 'CredentialsNotFound'
  | 'WriteBackFailed'
  | 'InvalidCommitTemplate';

/** What the image updater reports: the annotation, file or repository at fault and what to do about it. */
export class ImageUpdaterError extends SandboxError {
  constructor(code: ImageUpdaterErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
