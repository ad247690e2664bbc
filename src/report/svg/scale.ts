/** The time axis: simulated milliseconds to x pixels, with tick marks at round numbers of seconds. */
export interface TimeScale {
  start: number;
  end: number;
  x(at: number): number;
  ticks: { at: number; label: string }[];
}

const STEPS_S = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

export function timeScale(options: {
  start: number;
  end: number;
  x0: number;
  width: number;
  maxTicks?: number;
}): TimeScale {
  const start = options.start;
  const end = options.end > start ? options.end : start + 1000;
  const spanMs = end - start;
  const maxTicks = options.maxTicks ?? 12;
  const stepS = STEPS_S.find((s) => spanMs / (s * 1000) <= maxTicks) ?? Math.ceil(spanMs / 1000 / maxTicks);
  const x = (at: number) => options.x0 + ((at - start) / spanMs) * options.width;
  const ticks: { at: number; label: string }[] = [];
  for (let i = 0; i * stepS * 1000 <= spanMs + 1e-6; i++) {
    ticks.push({ at: start + i * stepS * 1000, label: tickLabel(i * stepS) });
  }
  return { start, end, x, ticks };
}

/** `0s`, `0.5s`, `45s`, `1m30s`, `2m`: offsets from the scenario start. */
export function tickLabel(seconds: number): string {
  const s = Math.round(seconds * 10) / 10;
  if (s < 60) return `${s}s`;
  const minutes = Math.floor(s / 60);
  const rest = Math.round(s - minutes * 60);
  return rest === 0 ? `${minutes}m` : `${minutes}m${String(rest).padStart(2, '0')}s`;
}
