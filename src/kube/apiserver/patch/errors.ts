import { SandboxError } from '../../../errors.ts';

/** A patch the server cannot apply: malformed document, unknown or misplaced directive, failed JSON-patch test. */
export class PatchError extends SandboxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('InvalidPatch', message, options);
  }
}

export interface ApplyConflict {
  /** The other manager's name (metadata.managedFields[].manager). */
  manager: string;
  /** The conflicting field as Kubernetes prints it, e.g. `.spec.replicas` or `.spec.containers[name="web"].image`. */
  field: string;
}

/**
 * A server-side apply that would change fields another manager owns. The message is Kubernetes' own wording
 * (kubectl prints it and tells the user to re-run with --force-conflicts), the REST layer maps it to 409 Conflict.
 */
export class ApplyConflictError extends SandboxError {
  readonly conflicts: ApplyConflict[];

  constructor(message: string, conflicts: ApplyConflict[]) {
    super('ApplyConflict', message);
    this.conflicts = conflicts;
  }
}
