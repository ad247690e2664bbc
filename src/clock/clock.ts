/**
 * The one source of time. Every component takes a Clock; nothing outside src/clock calls Date.now or setTimeout.
 * Times are simulated milliseconds since the Unix epoch: at speed N they advance N times faster than the wall clock.
 */
export interface Clock {
  /** Simulated milliseconds since the epoch. */
  now(): number;
  /** How many simulated milliseconds pass per wall-clock millisecond. */
  readonly speed: number;
  /** Resolves after `ms` simulated milliseconds; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Calls `fn` after `ms` simulated milliseconds unless cancelled or aborted. Returns the cancel function. */
  setTimer(ms: number, fn: () => void, signal?: AbortSignal): () => void;
}

/** RFC 3339 timestamp with second precision, as Kubernetes writes into objects. */
export function rfc3339(clock: Clock): string {
  return formatTime(clock.now());
}

/** RFC 3339 with second precision for a simulated instant in milliseconds. */
export function formatTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** RFC 3339 timestamp with microseconds (MicroTime), as Kubernetes writes into Leases and events.k8s.io Events. */
export function microTime(clock: Clock): string {
  return new Date(clock.now()).toISOString().replace('Z', '000Z');
}

export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}
