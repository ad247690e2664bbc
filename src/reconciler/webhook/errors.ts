import { SandboxError } from '../../errors.ts';

export type WebhookErrorCode =
  | 'WEBHOOK_UNKNOWN_EVENT'
  | 'WEBHOOK_EVENT_NOT_ACCEPTED'
  | 'WEBHOOK_PAYLOAD_TOO_LARGE'
  | 'WEBHOOK_PAYLOAD_INVALID'
  | 'WEBHOOK_SIGNATURE_MISSING'
  | 'WEBHOOK_SIGNATURE_MISMATCH'
  | 'WEBHOOK_TOKEN_MISMATCH';

/** HTTP status for each failure: 401 for authentication, 413 for size, 400 for the rest. */
const STATUS: Record<WebhookErrorCode, number> = {
  WEBHOOK_UNKNOWN_EVENT: 400,
  WEBHOOK_EVENT_NOT_ACCEPTED: 400,
  WEBHOOK_PAYLOAD_TOO_LARGE: 413,
  WEBHOOK_PAYLOAD_INVALID: 400,
  WEBHOOK_SIGNATURE_MISSING: 401,
  WEBHOOK_SIGNATURE_MISMATCH: 401,
  WEBHOOK_TOKEN_MISMATCH: 401,
};

/** A push delivery the receiver refuses; the message names the check that failed. */
export class WebhookError extends SandboxError {
  declare readonly code: WebhookErrorCode;
  readonly httpStatus: number;

  constructor(code: WebhookErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.httpStatus = STATUS[code];
  }
}
