/** One figure a benchmark prints; `baseline` is the same figure for the reference it is compared with. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  /** The reference measurement (e.g. a bare node:http server); the ratio value/baseline is printed beside it. */
  baseline?: { name: string; value: number };
  /** True when a smaller value is better (latencies, times, memory). */
  lowerIsBetter?: boolean;
}

/** A bench module in scripts/bench/ default-exports one of these. */
export type Bench = { title: string; run: (options: { quick: boolean }) => Promise<BenchFigure[]> };

export function formatFigure(figure: BenchFigure): string {
  const value = `${round(figure.value)} ${figure.unit}`;
  if (!figure.baseline) return `  ${figure.name.padEnd(48)} ${value}`;
  const ratio = figure.value / figure.baseline.value;
  return `  ${figure.name.padEnd(48)} ${value.padEnd(18)} vs ${figure.baseline.name} ${round(figure.baseline.value)} ${figure.unit}  (ratio ${ratio.toFixed(2)})`;
}

function round(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toPrecision(3);
}
