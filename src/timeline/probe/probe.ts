import type { Clock } from '../../clock/index.ts';
import { messageOf } from '../../errors.ts';
import { TimelineError } from '../errors.ts';
import type { TimelineSink } from '../event.ts';
import type { ProbeAnswer, ProbeTransport } from './transport.ts';

export interface ProbeOptions {
  /** The Service, `namespace/name`. */
  service: string;
  transport: ProbeTransport;
  clock: Clock;
  /** Where `probe/*` events go (the recorder's timeline). */
  sink: TimelineSink;
  /** Simulated time between requests (default 250 ms). */
  intervalMs?: number;
  signal?: AbortSignal;
}

export interface ProbeCounts {
  total: number;
  failed: number;
  /** Successful answers per version. */
  versions: Record<string, number>;
}

export interface Probe extends AsyncDisposable {
  readonly service: string;
  /** What was counted so far (a copy). */
  counts(): ProbeCounts;
  /** The version of the last successful answer. */
  readonly version: string | undefined;
  /** Stops after the request in flight. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Traffic to one Service at a steady simulated rate, as a user would see it: `probe/version` when the answering
 * version changes (and for the first answer), `probe/failure` for every failed request, `probe/recovered` at the
 * first success after failures. Slow requests skip the ticks they overran rather than bursting to catch up.
 */
export async function startProbe(options: ProbeOptions): Promise<Probe> {
  const { service, transport, clock, sink } = options;
  if (!/^[^/\s]+\/[^/\s]+$/.test(service)) {
    throw new TimelineError(
      'InvalidService',
      `probe service "${service}" must be namespace/name, e.g. default/backend`,
    );
  }
  const intervalMs = options.intervalMs ?? 250;
  const lifetime = new AbortController();
  const onAbort = () => lifetime.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const counts: ProbeCounts = { total: 0, failed: 0, versions: {} };
  let version: string | undefined;
  let failures = 0;
  const record = (type: string, message: string, data: Record<string, unknown>) =>
    sink.record({ at: clock.now(), component: 'probe', type, subject: service, message, data: { service, ...data } });
  const observe = (answer: ProbeAnswer) => {
    counts.total++;
    const endpoint = answer.endpoint ? { endpoint: answer.endpoint } : {};
    if (!answer.ok) {
      counts.failed++;
      failures++;
      record('failure', answer.reason, { reason: answer.reason, ...endpoint });
      return;
    }
    counts.versions[answer.version] = (counts.versions[answer.version] ?? 0) + 1;
    if (failures > 0) {
      record('recovered', `answered again after ${failures} failed request${failures === 1 ? '' : 's'}`, {
        failures,
      });
      failures = 0;
    }
    if (answer.version !== version) {
      record('version', `answered by ${answer.version}${version ? ` (was ${version})` : ''}`, {
        version: answer.version,
        ...(version ? { previous: version } : {}),
        ...endpoint,
      });
      version = answer.version;
    }
  };
  // A transport that throws broke its contract; count it as a failed request rather than stop probing.
  const ask = () =>
    transport
      .request(service, lifetime.signal)
      .catch((error): ProbeAnswer => ({ ok: false, reason: messageOf(error) }));
  const loop = (async () => {
    const start = clock.now();
    for (let tick = 0; !lifetime.signal.aborted; ) {
      observe(await ask());
      if (lifetime.signal.aborted) return;
      tick = Math.max(tick + 1, Math.ceil((clock.now() - start) / intervalMs));
      try {
        await clock.sleep(start + tick * intervalMs - clock.now(), lifetime.signal);
      } catch {
        return;
      }
    }
  })();
  const stop = async () => {
    options.signal?.removeEventListener('abort', onAbort);
    lifetime.abort();
    await loop;
  };
  return {
    service,
    counts: () => ({ ...counts, versions: { ...counts.versions } }),
    get version() {
      return version;
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
