import { TimelineError } from './errors.ts';

type Unit = 'ms' | 's' | 'm' | 'h';

/** Simulated time: milliseconds, or a string such as '500ms', '10s', '1.5m', '2h', '9m30s' (as Go writes them). */
export type Duration =
  | number
  | `${number}${Unit}`
  | `${number}${Unit}${number}${Unit}`
  | `${number}h${number}m${number}s`;

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds of a Duration; throws a TimelineError naming the bad value. */
export function parseDuration(duration: Duration | string): number {
  if (typeof duration === 'number') {
    if (Number.isFinite(duration) && duration >= 0) return duration;
  } else {
    const text = duration.trim();
    if (/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) {
      let ms = 0;
      for (const part of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ms += Number(part[1]) * UNITS[part[2]!]!;
      return ms;
    }
  }
  throw new TimelineError(
    'InvalidDuration',
    `"${String(duration)}" is not a duration; write a number of milliseconds or e.g. '500ms', '10s', '2m', '1h'`,
  );
}

/** '500ms', '12.3s', '2m5s', '1h2m' — short, for messages. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${Math.round(abs)}ms`;
  if (abs < 60_000) return `${sign}${trim(abs / 1000)}s`;
  if (abs < 3_600_000) {
    const minutes = Math.floor(abs / 60_000);
    const seconds = Math.round((abs - minutes * 60_000) / 1000);
    return `${sign}${minutes}m${seconds ? `${seconds}s` : ''}`;
  }
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.round((abs - hours * 3_600_000) / 60_000);
  return `${sign}${hours}h${minutes ? `${minutes}m` : ''}`;
}

function trim(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '');
}
