import type { Schedule } from './schedule.ts';

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** Whether the IANA zone is known (the CronJob controller's UnknownTimeZone check). */
export function isValidTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

function wall(ms: number, zone: string): Wall {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts['year']),
    month: Number(parts['month']),
    day: Number(parts['day']),
    hour: Number(parts['hour']),
    minute: Number(parts['minute']),
    weekday: WEEKDAY[parts['weekday'] ?? 'Sun'] ?? 0,
  };
}

function dayMatches(s: Schedule, w: Wall): boolean {
  const dom = s.days.has(w.day);
  const dow = s.weekdays.has(w.weekday);
  return s.daysStar || s.weekdaysStar ? dom && dow : dom || dow;
}

const MINUTE = 60_000;
/** robfig gives up after five years without a match (an impossible date such as 30 February). */
const SEARCH_LIMIT_MS = 5 * 366 * 24 * 60 * MINUTE;

/**
 * Schedule.Next: the first whole minute strictly after `after` whose wall-clock time in `zone` matches, or undefined.
 * Walks forward skipping whole days, then hours, then minutes that cannot match, reading wall time through Intl so
 * daylight-saving shifts are honoured (a wall time skipped by a spring-forward gap does not fire).
 */
export function nextTime(schedule: Schedule, after: number, zone: string): number | undefined {
  let t = Math.floor(after / MINUTE) * MINUTE + MINUTE;
  const limit = after + SEARCH_LIMIT_MS;
  while (t <= limit) {
    const w = wall(t, zone);
    if (!schedule.months.has(w.month) || !dayMatches(schedule, w)) {
      t += ((24 - w.hour) * 60 - w.minute) * MINUTE;
      continue;
    }
    if (!schedule.hours.has(w.hour)) {
      t += (60 - w.minute) * MINUTE;
      continue;
    }
    if (!schedule.minutes.has(w.minute)) {
      t += MINUTE;
      continue;
    }
    return t;
  }
  return undefined;
}
