/**
 * `npm run bench [-- --quick] [-- names…]`: runs every module in scripts/bench/ (or the named ones) and prints its
 * figures beside their baselines. Targets live here, never in timed tests.
 */
import { readdir } from 'node:fs/promises';
import { type Bench, formatFigure } from './bench/report.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args.filter((a) => !a.startsWith('--'));
const dir = new URL('./bench/', import.meta.url);
const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.ts')).sort();

for (const file of files) {
  if (only.length > 0 && !only.some((name) => file.startsWith(name))) continue;
  const bench = (await import(new URL(file, dir).href)).default as Bench;
  console.log(`\n${bench.title}`);
  const figures = await bench.run({ quick });
  for (const figure of figures) console.log(formatFigure(figure));
}
