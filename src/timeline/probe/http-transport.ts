import type { Clock } from '../../clock/index.ts';
import { messageOf } from '../../errors.ts';
import { formatDuration } from '../duration.ts';
import type { ProbeAnswer, ProbeTransport } from './transport.ts';

export interface HttpTransportOptions {
  clock: Clock;
  /**
   * The base URL that reaches a Service (`namespace/name`) from this host: a NodePort, an ingress, or what a
   * `kubectl port-forward`-like helper opened. Called for every request, so it may change (a new forward).
   */
  urlFor: (service: string, signal: AbortSignal) => string | Promise<string>;
  /** Appended to the base URL (default `/`). */
  path?: string;
  /** Simulated time a request may take (default 2 s). */
  timeoutMs?: number;
  /** The version in a 2xx answer; default: the `X-Version` header, else a JSON body's `version`, else the body. */
  versionOf?: (body: string, response: Response) => string;
}

/** Real HTTP GETs (kind mode): a 2xx answer names the version; anything else, or no answer in time, is a failure. */
export function httpTransport(options: HttpTransportOptions): ProbeTransport {
  const { clock } = options;
  const timeoutMs = options.timeoutMs ?? 2000;
  const versionOf = options.versionOf ?? defaultVersionOf;
  return {
    async request(service, signal) {
      const controller = new AbortController();
      const abort = () => controller.abort();
      signal.addEventListener('abort', abort, { once: true });
      let timedOut = false;
      const cancel = clock.setTimer(timeoutMs, () => {
        timedOut = true;
        controller.abort();
      });
      let url = '';
      try {
        url = `${(await options.urlFor(service, controller.signal)).replace(/\/$/, '')}${options.path ?? '/'}`;
        const response = await fetch(url, {
          signal: controller.signal,
          headers: { Accept: 'application/json, text/plain' },
        });
        const body = await response.text();
        if (!response.ok) return failure(`HTTP ${response.status} from ${url}`, url);
        return { ok: true, version: versionOf(body, response), endpoint: url };
      } catch (error) {
        if (timedOut) return failure(`timed out after ${formatDuration(timeoutMs)}: ${url}`, url);
        return failure(`${messageOf(error)}${causeOf(error)}: ${url}`, url);
      } finally {
        cancel();
        signal.removeEventListener('abort', abort);
      }
    },
  };
}

function failure(reason: string, endpoint: string): ProbeAnswer {
  return { ok: false, reason, ...(endpoint ? { endpoint } : {}) };
}

/** fetch says only "fetch failed"; the cause says ECONNREFUSED. */
function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause ? ` (${cause.code ?? cause.message})` : '';
}

function defaultVersionOf(body: string, response: Response): string {
  const header = response.headers.get('x-version');
  if (header) return header;
  try {
    const json = JSON.parse(body) as { version?: unknown };
    if (typeof json.version === 'string') return json.version;
  } catch {
    // not JSON: the body is the version
  }
  return body.trim().split('\n')[0]!.slice(0, 64);
}
