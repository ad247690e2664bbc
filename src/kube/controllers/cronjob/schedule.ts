/**
 * Cron schedules as CronJobs read them (robfig/cron v3 ParseStandard, which kube-controller-manager uses): five
 * fields — minute hour day-of-month month day-of-week — with * ? a-b /n lists and JAN–DEC / SUN–SAT names, or a
 * descriptor (@yearly @annually @monthly @weekly @daily @midnight @hourly). Day of month and day of week are ORed
 * when both are restricted and ANDed when either starts with * or ? (robfig's star bit).
 */
export interface Schedule {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  daysStar: boolean;
  weekdaysStar: boolean;
}

export class ScheduleError extends Error {
  readonly code = 'ERR_CRON_SCHEDULE';
}

const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function parseSchedule(text: string): Schedule {
  const trimmed = text.trim();
  const spec = trimmed.startsWith('@') ? DESCRIPTORS[trimmed] : trimmed;
  if (spec === undefined) throw new ScheduleError(`unrecognized descriptor: ${trimmed}`);
  const fields = spec.split(/\s+/);
  if (fields.length !== 5)
    throw new ScheduleError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
  return {
    minutes: field(minute, 0, 59),
    hours: field(hour, 0, 23),
    days: field(day, 1, 31),
    months: field(month, 1, 12, MONTHS, 1),
    weekdays: field(weekday, 0, 6, WEEKDAYS, 0),
    daysStar: day.startsWith('*') || day.startsWith('?'),
    weekdaysStar: weekday.startsWith('*') || weekday.startsWith('?'),
  };
}

function field(text: string, min: number, max: number, names: string[] = [], nameBase = 0): Set<number> {
  const values = new Set<number>();
  const value = (s: string) => {
    const named = names.indexOf(s.toLowerCase());
    if (named >= 0) return named + nameBase;
    if (!/^\d+$/.test(s)) throw new ScheduleError(`failed to parse int from ${s}`);
    return Number(s);
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    let low: number;
    let high: number;
    if (range === '*' || range === '?') [low, high] = [min, max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-') as [string, string];
      [low, high] = [value(a), value(b)];
    } else {
      low = value(range);
      // robfig: "n/step" runs from n to the field's maximum.
      high = stepText === undefined ? low : max;
    }
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step <= 0) throw new ScheduleError(`failed to parse int from ${stepText}`);
    if (low < min || high > max || low > high) {
      throw new ScheduleError(
        `beginning of range (${low}) beyond end of range (${high}) or outside ${min}-${max}: ${part}`,
      );
    }
    for (let v = low; v <= high; v += step) values.add(v);
  }
  return values;
}
