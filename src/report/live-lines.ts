import type { ExpectationResult, ScenarioResult } from '../scenario/result.ts';
import type { Palette } from './ansi.ts';
import { durationsText } from './summary.ts';
import { oneLine } from './timeline-text.ts';

/** The lines both live views print, so a CI log reads like the final state of the terminal. */

export function scenarioHeader(p: Palette, name: string, title: string): string {
  return `${p.cyan('▶')} ${p.bold(name)}  ${title}`;
}

export function stepLine(p: Palette, name: string, ok: boolean, error?: string): string {
  const mark = ok ? p.green('✓') : p.red('✗');
  return `  ${mark} ${name}${error ? p.red(`: ${oneLine(error)}`) : ''}`;
}

export function expectationLine(p: Palette, e: ExpectationResult): string {
  const mark = e.passed ? p.green('✓') : p.red('✗');
  const message = e.passed ? '' : p.red(` — ${oneLine(e.message)}`);
  return `  ${mark} expect ${e.description}${message}`;
}

export function scenarioFooter(p: Palette, s: ScenarioResult): string {
  const verdict = s.passed ? p.green(`✓ ${s.name} passed`) : p.red(`✗ ${s.name} failed`);
  const failed = s.expectations.filter((e) => !e.passed).length;
  const why = failed > 0 ? ` (${failed} of ${s.expectations.length} expectations failed)` : '';
  const error = s.error ? `\n  ${p.red(`error: ${oneLine(s.error)}`)}` : '';
  return `${p.bold(verdict)}${why} ${p.dim(`· ${durationsText(s)}`)}${error}`;
}
