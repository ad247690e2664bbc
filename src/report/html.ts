import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../scenario/result.ts';
import { renderScenarioSection } from './html-scenario.ts';
import { HTML_STYLE } from './html-style.ts';
import { runTotals, summaryText } from './summary.ts';
import { el, text } from './svg/element.ts';

/**
 * A standalone page: inline CSS and SVG, no scripts, no fonts or images from anywhere. The CSP forbids every fetch,
 * so the page looks the same offline as online, and opening a report from an untrusted run cannot load anything.
 */
export function renderHtmlReport(run: RunResult): string {
  const totals = runTotals(run);
  const verdict = run.passed ? 'passed' : 'failed';
  const heading = run.passed
    ? `All ${totals.scenarios} scenarios passed`
    : `${totals.failed} of ${totals.scenarios} scenarios failed`;
  const nav = el(
    'nav',
    { 'aria-label': 'Scenarios' },
    el(
      'ul',
      {},
      run.scenarios.map((s, i) =>
        el('li', {}, el('a', { href: `#scenario-${i + 1}` }, text(`${s.passed ? '✓' : '✗'} ${s.name}`))),
      ),
    ),
  );
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${text(`gitops-sandbox report — ${heading}`)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    el('header', {}, [
      el('h1', {}, 'gitops-sandbox run'),
      el('p', { class: `summary ${verdict}`, 'data-passed': String(run.passed) }, text(summaryText(totals))),
      nav,
    ]),
    el('main', {}, run.scenarios.map(renderScenarioSection)),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** `--report DIR`: writes DIR/index.html (creating DIR) and returns its path. */
export async function writeHtmlReport(dir: string, run: RunResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'index.html');
  await writeFile(file, renderHtmlReport(run));
  return file;
}
