import { SandboxError } from '../../errors.ts';

/** A Kubernetes API failure seen by the reconciler: the HTTP status and the Status reason the server gave. */
export class ClusterError extends SandboxError {
  readonly status: number;
  readonly reason: string;

  constructor(status: number, reason: string, message: string, options?: { cause?: unknown }) {
    super(`Cluster${reason || status}`, message, options);
    this.status = status;
    this.reason = reason;
  }

  get notFound(): boolean {
    return this.status === 404;
  }

  get conflict(): boolean {
    return this.status === 409;
  }
}
