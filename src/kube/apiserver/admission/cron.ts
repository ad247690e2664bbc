/**
 * The schedule check CronJob validation runs (robfig/cron v3 standard parser): five fields or a descriptor,
 * with the parser's own error messages. Returns the error, or undefined when the schedule parses.
 */
const fields: { min: number; max: number; names?: string[] }[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];
const descriptors = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];

export function cronScheduleError(schedule: string): string | undefined {
  const spec = schedule.trim();
  if (spec.startsWith('@')) {
    if (descriptors.includes(spec)) return undefined;
    if (spec.startsWith('@every '))
      return /^@every (\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(spec) ? undefined : `failed to parse duration ${spec}`;
    return `unrecognized descriptor: ${spec}`;
  }
  const parts = spec.split(/\s+/).filter(Boolean);
  if (parts.length !== 5) return `expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`;
  for (const [i, part] of parts.entries()) {
    for (const expr of part.split(',')) {
      const error = rangeError(expr, fields[i]!);
      if (error) return error;
    }
  }
  return undefined;
}

function rangeError(expr: string, field: { min: number; max: number; names?: string[] }): string | undefined {
  const [range = '', step, ...extraSlashes] = expr.split('/');
  if (extraSlashes.length > 0) return `too many slashes: ${expr}`;
  const [low = '', high, ...extraHyphens] = range.split('-');
  if (extraHyphens.length > 0) return `too many hyphens: ${expr}`;
  let start: number;
  let end: number;
  if (low === '*' || low === '?') {
    start = field.min;
    end = field.max;
  } else {
    const first = parseValue(low, field.names);
    if (typeof first === 'string') return first;
    start = first;
    end = start;
    if (high !== undefined) {
      const last = parseValue(high, field.names);
      if (typeof last === 'string') return last;
      end = last;
    }
  }
  if (step !== undefined) {
    const stepValue = parseValue(step);
    if (typeof stepValue === 'string') return stepValue;
    if (stepValue === 0) return `step of range should be a positive number: ${expr}`;
    if (high === undefined && low !== '*' && low !== '?') end = field.max;
  }
  if (start < field.min) return `beginning of range (${start}) below minimum (${field.min}): ${expr}`;
  if (end > field.max) return `end of range (${end}) above maximum (${field.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  return undefined;
}

function parseValue(text: string, names?: string[]): number | string {
  const named = names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + (names!.length === 12 ? 1 : 0);
  if (!/^-?\d+$/.test(text)) {
    return `failed to parse int from ${text}: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`;
  }
  const value = Number(text);
  return value < 0 ? `negative number (${value}) not allowed: ${text}` : value;
}
