import type { ScenarioResult } from '../../scenario/result.ts';
import { formatOffset } from '../format.ts';
import { truncate } from '../table.ts';
import { TONE_FILL } from './colors.ts';
import { el, text, title } from './element.ts';
import { bracketLabel } from './labels.ts';
import { CHAR_W, EXPECT_ROW_H, LEFT, RIGHT, WIDTH } from './layout.ts';
import type { TimeScale } from './scale.ts';
import { expectationWindow } from './windows.ts';

/** The expectations' windows as brackets under the lanes, green when passed and red when failed. */
export function renderExpectations(s: ScenarioResult, scale: TimeScale, y: number): { svg: string; height: number } {
  const rows = s.expectations.flatMap((e, index) => {
    const window = expectationWindow(e);
    return window ? [{ e, index, window }] : [];
  });
  if (rows.length === 0) return { svg: '', height: 0 };
  const top = y + 6;
  const heading = el(
    'text',
    { x: 8, y: top + 13, fill: '#1f2933', 'font-weight': 600, 'font-size': 11 },
    'expectations',
  );
  const brackets = rows.map(({ e, index, window }, row) => {
    const ry = top + row * EXPECT_ROW_H;
    const x1 = scale.x(window.from);
    const x2 = Math.max(scale.x(window.to), x1 + 2);
    const color = e.passed ? TONE_FILL.good : TONE_FILL.bad;
    const label = bracketLabel(
      truncate(`${e.passed ? '✓' : '✗'} ${e.description}`, 80),
      { x1, x2 },
      { left: LEFT, right: WIDTH - RIGHT, charWidth: CHAR_W },
    );
    const hover = `${e.passed ? 'passed' : 'FAILED'}: ${e.description} — ${e.message} (${formatOffset(window.from, s.startedAt)} to ${formatOffset(window.to, s.startedAt)})`;
    return el('g', { class: 'expectation', 'data-expectation': index, 'data-passed': String(e.passed) }, [
      title(hover),
      el('path', {
        class: 'bracket',
        d: `M${r(x1)} ${r(ry + 14)}V${r(ry + 5)}H${r(x2)}V${r(ry + 14)}`,
        fill: 'none',
        stroke: color,
        'stroke-width': 2,
      }),
      // A transparent hit area: hovering anywhere on the bracket's span shows the title.
      el('rect', { x: x1, y: ry + 3, width: x2 - x1, height: 12, fill: 'transparent' }),
      el(
        'text',
        { class: 'label', x: label.x, y: ry + 15, 'text-anchor': label.anchor, fill: color },
        text(label.text),
      ),
    ]);
  });
  return { svg: el('g', { class: 'expectations' }, [heading, ...brackets]), height: rows.length * EXPECT_ROW_H + 12 };
}

function r(n: number): number {
  return Math.round(n * 100) / 100;
}
