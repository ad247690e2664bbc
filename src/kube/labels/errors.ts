import { SandboxError } from '../../errors.ts';

/** A label or field selector that does not parse; the message is the one kube-apiserver returns (400 BadRequest). */
export class SelectorError extends SandboxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('InvalidSelector', message, options);
  }
}
