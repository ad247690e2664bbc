import { SandboxError } from '../../errors.ts';

/** Errors of the embedded scheduler itself (wiring mistakes), not scheduling outcomes. */
export class SchedulerError extends SandboxError {
  constructor(code: 'SCHEDULER_NO_BINDER', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
