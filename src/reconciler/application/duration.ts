import { ApplicationSpecError } from './errors.ts';

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * A retry back-off duration in milliseconds, as argo-cd `parseStringToDuration`: a bare integer is seconds ("5"),
 * anything else is a Go duration ("5s", "3m", "1h30m", "1.5s", "300ms"). Throws ApplicationSpecError otherwise.
 */
export function parseDuration(text: string, field = 'duration'): number {
  if (/^[+-]?\d+$/.test(text)) return Number(text) * 1000;
  const match = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(text);
  if (text === '0') return 0;
  if (!match) {
    throw new ApplicationSpecError(
      `${field} ${JSON.stringify(text)} is not a duration: use seconds ("5") or a Go duration ("5s", "3m", "1h")`,
    );
  }
  let total = 0;
  for (const part of text.replace(/^[+-]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) {
    total += Number(part[1]) * UNIT_MS[part[2]!]!;
  }
  return match[1] === '-' ? -total : total;
}
