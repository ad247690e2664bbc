import { nextTime } from './next-time.ts';
import type { Schedule } from './schedule.ts';
import type { CronJob } from './types.ts';

/** More missed start times than this earn a TooManyMissedTimes warning (K: pkg/controller/cronjob/utils.go). */
export const MANY_MISSED = 100;
/** nextScheduleDelta: requeue a little after the schedule time, so the clock has surely passed it. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

export interface MostRecent {
  earliest: number;
  mostRecent?: number;
  missed: number;
}

/**
 * mostRecentScheduleTime (utils.go): the latest schedule time in (earliest, now], where earliest is the last
 * schedule time (else creation), moved up to now − startingDeadlineSeconds when asked. Kubernetes estimates the
 * count of missed times from the gap between two schedule times; we walk them (capped), which is exact for
 * irregular schedules too.
 */
export function mostRecentScheduleTime(options: {
  cronJob: CronJob;
  schedule: Schedule;
  zone: string;
  now: number;
  includeDeadline: boolean;
}): MostRecent {
  const { cronJob, schedule, zone, now } = options;
  let earliest = Date.parse(cronJob.status?.lastScheduleTime ?? cronJob.metadata.creationTimestamp ?? '');
  if (Number.isNaN(earliest)) earliest = now;
  const deadline = cronJob.spec.startingDeadlineSeconds;
  if (options.includeDeadline && deadline !== undefined && deadline !== null) {
    earliest = Math.max(earliest, now - deadline * 1000);
  }
  let missed = 0;
  let mostRecent: number | undefined;
  let t = nextTime(schedule, earliest, zone);
  while (t !== undefined && t <= now) {
    missed++;
    mostRecent = t;
    if (missed > MANY_MISSED * 10) break;
    t = nextTime(schedule, t, zone);
  }
  return { earliest, ...(mostRecent !== undefined ? { mostRecent } : {}), missed };
}

/** nextScheduleTimeDuration: how long until the schedule time after the most recent one (plus 100 ms). */
export function untilNextSchedule(options: {
  cronJob: CronJob;
  schedule: Schedule;
  zone: string;
  now: number;
}): number | undefined {
  const { earliest, mostRecent } = mostRecentScheduleTime({ ...options, includeDeadline: false });
  const next = nextTime(options.schedule, mostRecent ?? earliest, options.zone);
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - options.now;
}

/** getTimeHashInMinutes: the Job name suffix, the schedule time in minutes since the epoch. */
export function jobName(cronJob: CronJob, scheduled: number): string {
  return `${cronJob.metadata.name}-${Math.floor(scheduled / 60_000)}`;
}

/** RFC 3339 in the schedule's zone, as time.Format(time.RFC3339) prints it ("Z" for UTC, else ±hh:mm). */
export function formatInZone(ms: number, zone: string): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(ms)
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  );
  const offset = Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}`;
  return offset === 0 ? `${text}Z` : `${text}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
