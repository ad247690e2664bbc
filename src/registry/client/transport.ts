import type { Clock } from '../../clock/index.ts';
import { RegistryError } from '../errors.ts';
import { basicAuthorization, parseChallenge } from './auth.ts';
import { describe, errorFromResponse, type Target } from './errors.ts';

export interface TransportOptions {
  registry: string;
  insecure?: boolean;
  credentials?: { username: string; password: string };
  clock: Clock;
  timeoutMs?: number;
  retries?: number;
  rateLimitPerSecond?: number;
}

export interface RequestSpec {
  method: string;
  /** A path (`/v2/…`, with query) or an absolute URL such as an upload Location. */
  path: string;
  headers?: Record<string, string>;
  body?: Uint8Array;
  repository?: string;
  reference?: string;
  /** Statuses that are answers rather than errors (default: 2xx). */
  accept?: (status: number) => boolean;
  signal?: AbortSignal;
}

export interface RegistryResponse {
  status: number;
  headers: Headers;
  body: Uint8Array;
  url: string;
}

const backoffBaseMs = 200;
const backoffCapMs = 5000;

/**
 * HTTP to one registry: per-attempt timeouts on the injected clock, retries with exponential back-off on 5xx,
 * 429 (honouring Retry-After) and connection errors, never on other 4xx; answers auth challenges (Basic, or Bearer
 * tokens from the realm as Docker Hub and registry:2 with token auth ask).
 */
export class RegistryTransport {
  readonly registry: string;
  readonly baseUrl: string;
  readonly #options: TransportOptions;
  readonly #timeoutMs: number;
  readonly #retries: number;
  #basic = false;
  #tokens = new Map<string, string>();
  #nextSlot = 0;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.registry = options.registry;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#retries = options.retries ?? 3;
    const host = options.registry === 'docker.io' ? 'registry-1.docker.io' : options.registry;
    // Like Docker, loopback registries are plain HTTP unless told otherwise.
    const insecure = options.insecure ?? /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
    this.baseUrl = `${insecure ? 'http' : 'https'}://${host}`;
  }

  async request(spec: RequestSpec): Promise<RegistryResponse> {
    const target: Target = { registry: this.registry, repository: spec.repository, reference: spec.reference };
    let lastError: RegistryError | undefined;
    let authAttempted = false;
    for (let attempt = 0; ; ) {
      spec.signal?.throwIfAborted();
      await this.#throttle(spec.signal);
      const result = await this.#attempt(spec, target);
      if (result instanceof RegistryError) {
        lastError = result;
      } else if (result.status === 401 && !authAttempted && (await this.#answerChallenge(result, spec, target))) {
        authAttempted = true;
        continue;
      } else if (result.status === 429 || result.status >= 500) {
        lastError = errorFromResponse(target, result.status, result.body);
        if (attempt < this.#retries) {
          const retryAfter =
            result.status === 429 ? retryAfterMs(result.headers.get('retry-after'), this.#options.clock) : undefined;
          await this.#options.clock.sleep(retryAfter ?? backoff(attempt), spec.signal);
          attempt++;
          continue;
        }
        throw lastError;
      } else if ((spec.accept ?? is2xx)(result.status)) {
        return result;
      } else {
        throw errorFromResponse(target, result.status, result.body);
      }
      if (attempt >= this.#retries) throw lastError;
      await this.#options.clock.sleep(backoff(attempt), spec.signal);
      attempt++;
    }
  }

  /** One HTTP exchange with the whole body read, or the RegistryError a retry may cure (timeout, connection). */
  async #attempt(spec: RequestSpec, target: Target): Promise<RegistryResponse | RegistryError> {
    const timeout = new AbortController();
    const cancelTimer = this.#options.clock.setTimer(this.#timeoutMs, () => timeout.abort());
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout.signal]) : timeout.signal;
    const url = spec.path.startsWith('http') ? spec.path : new URL(spec.path, this.baseUrl).href;
    try {
      const headers: Record<string, string> = { ...spec.headers };
      const authorization = this.#authorization(spec.repository);
      if (authorization) headers['Authorization'] = authorization;
      const init: RequestInit = { method: spec.method, headers, signal, redirect: 'follow' };
      if (spec.body) init.body = spec.body;
      const response = await fetch(url, init);
      const body = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, headers: response.headers, body, url: response.url || url };
    } catch (error) {
      if (spec.signal?.aborted) throw spec.signal.reason;
      if (timeout.signal.aborted) {
        return new RegistryError({
          ...target,
          code: 'REGISTRY_TIMEOUT',
          message: `${describe(target)}: no answer within ${this.#timeoutMs} ms to ${spec.method} ${url}; check that the registry is up, or raise timeoutMs`,
          cause: error,
        });
      }
      return new RegistryError({
        ...target,
        code: 'REGISTRY_UNREACHABLE',
        message: `${describe(target)}: cannot connect to ${this.baseUrl} (${causeMessage(error)}); check that the registry is running and the address is right`,
        cause: error,
      });
    } finally {
      cancelTimer();
    }
  }

  #authorization(repository: string | undefined): string | undefined {
    const token = this.#tokens.get(repository ?? '');
    if (token) return `Bearer ${token}`;
    if (this.#basic && this.#options.credentials) return basicAuthorization(this.#options.credentials);
    return undefined;
  }

  /** Prepares credentials for a 401's challenge; false when there is nothing new to offer. */
  async #answerChallenge(response: RegistryResponse, spec: RequestSpec, target: Target): Promise<boolean> {
    const challenge = parseChallenge(response.headers.get('www-authenticate'));
    const credentials = this.#options.credentials;
    if (challenge?.scheme === 'basic') {
      if (!credentials || this.#basic) return false;
      this.#basic = true;
      return true;
    }
    if (challenge?.scheme !== 'bearer' || !challenge.params['realm']) return false;
    const tokenUrl = new URL(challenge.params['realm']);
    if (challenge.params['service']) tokenUrl.searchParams.set('service', challenge.params['service']);
    const scope =
      challenge.params['scope'] ?? (spec.repository ? `repository:${spec.repository}:pull,push` : undefined);
    if (scope) tokenUrl.searchParams.set('scope', scope);
    const headers: Record<string, string> = {};
    if (credentials) headers['Authorization'] = basicAuthorization(credentials);
    const answer = await fetch(tokenUrl, { headers, signal: spec.signal ?? null }).catch((error: unknown) => {
      throw new RegistryError({
        ...target,
        code: 'REGISTRY_UNAUTHORIZED',
        message: `${describe(target)}: cannot get a token from ${tokenUrl.origin} (${causeMessage(error)})`,
        cause: error,
      });
    });
    const body = new Uint8Array(await answer.arrayBuffer());
    if (!answer.ok) throw errorFromResponse(target, answer.status === 401 ? 401 : answer.status, body);
    const { token, access_token } = JSON.parse(Buffer.from(body).toString('utf8')) as {
      token?: string;
      access_token?: string;
    };
    const value = token ?? access_token;
    if (!value) return false;
    this.#tokens.set(spec.repository ?? '', value);
    return true;
  }

  /** Client-side rate limit: requests are spaced 1/rate simulated seconds apart. */
  async #throttle(signal: AbortSignal | undefined): Promise<void> {
    const rate = this.#options.rateLimitPerSecond;
    if (!rate) return;
    const now = this.#options.clock.now();
    const slot = Math.max(now, this.#nextSlot);
    this.#nextSlot = slot + 1000 / rate;
    if (slot > now) await this.#options.clock.sleep(slot - now, signal);
  }
}

function is2xx(status: number): boolean {
  return status >= 200 && status < 300;
}

function backoff(attempt: number): number {
  return Math.min(backoffCapMs, backoffBaseMs * 2 ** attempt);
}

/** Retry-After as seconds or an HTTP date, in simulated milliseconds (capped so a bad header cannot hang us). */
function retryAfterMs(header: string | null, clock: Clock): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - clock.now();
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), 60_000) : undefined;
}

function causeMessage(error: unknown): string {
  if (error instanceof Error && error.cause instanceof Error) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}
