/** Time and duration formats shared by every report. */

/** Offset from the scenario start in simulated seconds, as in timelines: `+12.3s`. */
export function formatOffset(at: number, start: number): string {
  const seconds = (at - start) / 1000;
  // Round first so -0.04 s does not print as "-0.0s".
  const rounded = Math.round(seconds * 10) / 10;
  return `${rounded < 0 ? '-' : '+'}${Math.abs(rounded).toFixed(1)}s`;
}

/** A duration for people: `850ms`, `12.3s`, `2m05s`, `1h02m`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) {
    return `${Math.floor(totalSeconds / 60)}m${String(totalSeconds % 60).padStart(2, '0')}s`;
  }
  const totalMinutes = Math.round(totalSeconds / 60);
  return `${Math.floor(totalMinutes / 60)}h${String(totalMinutes % 60).padStart(2, '0')}m`;
}

/** Seconds with millisecond precision, as JUnit's `time` attribute wants. */
export function formatSeconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
