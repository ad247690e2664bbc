import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Clock } from '../../clock/index.ts';
import { DistributionHttpError } from './errors.ts';

export const realm = 'gitops-sandbox-registry';

/** Basic auth on every request (the /v2/ ping included, so clients learn the challenge there). */
export function checkBasicAuth(req: IncomingMessage, auth: { username: string; password: string }): void {
  const header = req.headers.authorization ?? '';
  const [scheme, encoded = ''] = header.split(' ');
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0 && same(decoded.slice(0, colon), auth.username) && same(decoded.slice(colon + 1), auth.password)) {
      return;
    }
  }
  throw new DistributionHttpError('UNAUTHORIZED', {
    message: header ? 'invalid username or password' : 'authentication required',
    headers: { 'WWW-Authenticate': `Basic realm="${realm}"` },
  });
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A fault for tests and scenarios: at most `perSecond` requests per simulated second (token bucket on the injected
 * clock); the rest get 429 TOOMANYREQUESTS with Retry-After.
 */
export class RateLimiter {
  readonly #clock: Clock;
  readonly #perSecond: number;
  #tokens: number;
  #at: number;

  constructor(options: { clock: Clock; perSecond: number }) {
    this.#clock = options.clock;
    this.#perSecond = options.perSecond;
    this.#tokens = options.perSecond;
    this.#at = options.clock.now();
  }

  check(): void {
    const now = this.#clock.now();
    this.#tokens = Math.min(this.#perSecond, this.#tokens + ((now - this.#at) / 1000) * this.#perSecond);
    this.#at = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return;
    }
    const wait = Math.max(1, Math.ceil((1 - this.#tokens) / this.#perSecond));
    throw new DistributionHttpError('TOOMANYREQUESTS', {
      message: `too many requests: this registry allows ${this.#perSecond} per second`,
      headers: { 'Retry-After': String(wait) },
    });
  }
}
