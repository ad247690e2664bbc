import { createHmac } from 'node:crypto';

/** Hex HMAC-SHA256 of the payload with the hook secret, as Gitea puts into X-Gitea-Signature. */
export function signPayload(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

export function signPayloadSha1(payload: string, secret: string): string {
  return createHmac('sha1', secret).update(payload).digest('hex');
}
