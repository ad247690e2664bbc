import { createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256Hex(body: Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Compares a received secret or signature with the expected one in constant time. Both sides are hashed first so
 * neither the content nor the length of the expected value leaks through timing.
 */
export function constantTimeEqual(received: string, expected: string): boolean {
  const digest = (value: string) => createHmac('sha256', 'gitops-sandbox-compare').update(value).digest();
  return timingSafeEqual(digest(received), digest(expected)) && received.length === expected.length;
}
