/** Go's fmt and time formatting where the argocd CLI's output depends on it. */

/** fmt's `%-20s%s\n`, the header block of `argocd app get`. */
export function field(label: string, value: string): string {
  return `${label.padEnd(20)}${value}\n`;
}

/** fmt's `%Ns`: right-aligned in N runes, never truncated. */
export function padLeft(text: string, width: number): string {
  const length = [...text].length;
  return length >= width ? text : `${' '.repeat(width - length)}${text}`;
}

/**
 * metav1.Time's String(): `2006-01-02 15:04:05 -0700 MST` in the local zone (objects' times are parsed into local
 * time). The zone abbreviation comes from Intl, which names some zones differently from Go's tz database.
 */
export function goTimeString(rfc3339: string | undefined): string {
  if (!rfc3339) return '<nil>';
  const ms = Date.parse(rfc3339);
  if (Number.isNaN(ms)) return rfc3339;
  const local = localParts(ms);
  return `${local.date} ${local.time} ${local.offset.replace(':', '')} ${zoneName(ms, local.offsetMinutes)}`;
}

/** time.Now().Format("2006-01-02T15:04:05-07:00"), the TIMESTAMP column of `app sync` / `app wait`. */
export function goTimestamp(ms: number): string {
  const local = localParts(ms);
  return `${local.date}T${local.time}${local.offset}`;
}

/** time.Duration's String() for whole seconds: 0s, 45s, 1m5s, 2h0m3s. */
export function goDuration(seconds: number): string {
  const total = Math.trunc(seconds);
  if (total === 0) return '0s';
  const sign = total < 0 ? '-' : '';
  const abs = Math.abs(total);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  if (h > 0) return `${sign}${h}h${m}m${s}s`;
  if (m > 0) return `${sign}${m}m${s}s`;
  return `${sign}${s}s`;
}

function localParts(ms: number) {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  const offsetMinutes = -d.getTimezoneOffset();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return {
    date: `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`,
    time: `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`,
    offset: `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`,
    offsetMinutes,
  };
}

function zoneName(ms: number, offsetMinutes: number): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
    .formatToParts(new Date(ms))
    .find((part) => part.type === 'timeZoneName')?.value;
  if (offsetMinutes === 0 && (!name || name === 'GMT' || name === 'UTC')) return 'UTC';
  return name ?? 'UTC';
}
