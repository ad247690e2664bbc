import { SandboxError } from '../../errors.ts';

/** Stable codes of manifest generation; the reconciler reports each as a ComparisonError condition. */
export type RenderErrorCode =
  /** helm or kubectl (for kustomize) is not installed; the message says how to install it. */
  | 'ToolNotFound'
  /** helm template or kubectl kustomize exited non-zero; the message carries its stderr. */
  | 'ToolFailed'
  /** A file in a directory source is not valid YAML/JSON or not a Kubernetes object. */
  | 'MalformedManifest'
  /** spec.source.path does not exist in the repository at that revision, or escapes it. */
  | 'PathNotFound'
  /** The source is contradictory (two tool blocks) or an override file cannot be parsed. */
  | 'InvalidSource'
  /** A Helm values file is missing or resolves outside its repository. */
  | 'ValueFileNotFound';

export class RenderError extends SandboxError {
  declare readonly code: RenderErrorCode;

  constructor(code: RenderErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
