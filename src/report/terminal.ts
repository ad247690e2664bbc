import type { ExpectationResult, RunResult, ScenarioResult } from '../scenario/result.ts';
import { colorEnabled, type Palette, palette } from './ansi.ts';
import { isFailure } from './event-facts.ts';
import { durationsText, runTotals, summaryText } from './summary.ts';
import { renderTable } from './table.ts';
import { eventCells, oneLine, timelineLines } from './timeline-text.ts';

export interface TerminalReportOptions {
  /** ANSI colour; decide with colorEnabled(). Default false. */
  color?: boolean;
  /** Terminal columns: long messages are cut to fit. Default: no cutting. */
  width?: number;
  /** Which scenarios get their full timeline table. Default 'all'. */
  timeline?: 'all' | 'failed' | 'none';
}

/**
 * The end-of-run report for a terminal: per scenario its timeline as a table (time relative to the scenario start,
 * component, subject, message), its expectations with ✓/✗ and, for failures, the message and the timeline slice
 * that explains it; then one summary line.
 */
export function renderTerminalReport(run: RunResult, options: TerminalReportOptions = {}): string {
  const p = palette(options.color ?? false);
  const sections = run.scenarios.map((s) => scenarioSection(s, p, options));
  const totals = runTotals(run);
  const summary = summaryText(totals);
  sections.push(totals.failed > 0 || !run.passed ? p.red(p.bold(summary)) : p.green(p.bold(summary)));
  return sections.join('\n\n') + '\n';
}

/** Writes the report to a stream, with colour and width decided from the stream and the environment. */
export function writeTerminalReport(
  stream: { write(chunk: string): unknown; isTTY?: boolean; columns?: number },
  run: RunResult,
  options: { env?: Record<string, string | undefined>; timeline?: TerminalReportOptions['timeline'] } = {},
): void {
  const color = colorEnabled(stream, options.env ?? process.env);
  const width = stream.isTTY && stream.columns ? stream.columns : undefined;
  stream.write(renderTerminalReport(run, { color, ...(width ? { width } : {}), timeline: options.timeline ?? 'all' }));
}

function scenarioSection(s: ScenarioResult, p: Palette, options: TerminalReportOptions): string {
  const width = options.width;
  const lines: string[] = [];
  const verdict = s.passed ? p.green('✓ passed') : p.red('✗ failed');
  lines.push(`${p.bold(s.name)} — ${s.title}  ${verdict}`);
  lines.push(p.dim(`  ${s.provider} · speed ${s.speed}× · seed ${s.seed} · ${durationsText(s)}`));
  if (s.error) lines.push(p.red(`  error: ${oneLine(s.error)}`));
  for (const step of s.steps.filter((step) => !step.passed)) {
    lines.push(p.red(`  ✗ step ${step.name}${step.error ? `: ${oneLine(step.error)}` : ''}`));
  }

  const showTimeline = (options.timeline ?? 'all') === 'all' || (options.timeline === 'failed' && !s.passed);
  if (showTimeline && s.timeline.length > 0) {
    lines.push('');
    const rows = [['TIME', 'COMPONENT', 'SUBJECT', 'MESSAGE'], ...s.timeline.map((e) => eventCells(e, s.startedAt))];
    const table = renderTable(rows, width ? { width: width - 2 } : {});
    // Colour is applied to whole rows after padding, so escape codes never upset the column widths.
    const body = table.slice(1).map((row, i) => `  ${isFailure(s.timeline[i]!) ? p.red(row) : row}`);
    lines.push(`  ${p.dim(table[0] ?? '')}`, ...body);
  }

  if (s.expectations.length > 0) {
    lines.push('', `  ${p.bold('Expectations')}`);
    for (const e of s.expectations) lines.push(...expectationLines(e, s.startedAt, p, width));
  }
  return lines.join('\n');
}

function expectationLines(e: ExpectationResult, start: number, p: Palette, width?: number): string[] {
  const mark = e.passed ? p.green('✓') : p.red('✗');
  const lines = [`  ${mark} ${e.description}`];
  if (e.message) lines.push(`      ${e.passed ? p.dim(oneLine(e.message)) : p.red(oneLine(e.message))}`);
  if (!e.passed && e.slice && e.slice.length > 0) {
    const slice = timelineLines(e.slice, start, width ? width - 8 : undefined);
    lines.push(...slice.map((row) => `        ${p.dim(row)}`));
  }
  return lines;
}
