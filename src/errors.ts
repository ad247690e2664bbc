/**
 * The base of every error a user can meet. Each boundary (API server, git server, registry, reconciler, provider,
 * CLI) has one subclass with a stable `code`; messages say what happened, to which object, and what to do.
 */
export class SandboxError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** The message of any thrown value, for logs and conditions. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
