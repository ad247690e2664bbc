import type { ScenarioResult } from '../../scenario/result.ts';
import type { TimelineEvent } from '../../timeline/event.ts';
import { isFailure, statusOf } from '../event-facts.ts';
import { formatOffset } from '../format.ts';
import { truncate } from '../table.ts';
import { type Band, stateBands } from './bands.ts';
import { DEFAULT_FILL, LANE_FILL, TONE_FILL } from './colors.ts';
import { el, text, title } from './element.ts';
import { bracketLabel, keyLabel, placeLabels } from './labels.ts';
import { lanesOf } from './lanes.ts';
import { type TimeScale, timeScale } from './scale.ts';
import { expectationWindow } from './windows.ts';

const WIDTH = 1000;
const LEFT = 124;
const RIGHT = 28;
const AXIS_H = 26;
const LABEL_ROWS = 2;
const LABEL_ROW_H = 12;
const MARK_H = 12;
const MARK_W = 6;
const BAND_H = 12;
const BAND_GAP = 2;
const LANE_PAD = 5;
const EXPECT_ROW_H = 20;
/** Approximate advance of one character of the 10px label font, for collision checks. */
const CHAR_W = 5.8;
const LABEL_MAX_CHARS = 30;

/**
 * The scenario's timeline as an SVG swimlane chart: one lane (`data-component`) per component present, events as
 * marks (`data-type`, hover `<title>`) on an axis of simulated seconds, labels for key events, state bands under the
 * marks, and the expectations' windows as brackets below the lanes.
 */
export function renderSwimlane(s: ScenarioResult, options: { id: string }): string {
  const lanes = lanesOf(s.timeline);
  // reduce, not Math.max(...spread): a long soak run can hold more events than a call takes arguments.
  const end = [...s.timeline.map((e) => e.at), ...s.expectations.map((e) => e.at ?? s.startedAt)].reduce(
    (a, b) => Math.max(a, b),
    s.endedAt,
  );
  const start = s.timeline.reduce((a, e) => Math.min(a, e.at), s.startedAt);
  const scale = timeScale({ start, end, x0: LEFT, width: WIDTH - LEFT - RIGHT });
  const bands = stateBands(s.timeline, scale.end);

  const parts: string[] = [];
  let y = AXIS_H;
  lanes.forEach((component, i) => {
    const lane = renderLane({
      component,
      events: s.timeline.filter((e) => e.component === component),
      bands: bands.filter((b) => b.component === component),
      scale,
      y,
      odd: i % 2 === 1,
      start: s.startedAt,
    });
    parts.push(lane.svg);
    y += lane.height;
  });
  const lanesBottom = y;
  const expectations = renderExpectations(s, scale, y);
  y += expectations.height;
  const height = y + 8;

  const svg = [
    title(`Timeline of ${s.name}: ${s.title}`),
    el('desc', { id: `${options.id}-desc` }, text(describe(s, lanes))),
    renderAxis(scale, lanesBottom),
    ...parts,
    expectations.svg,
  ];
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: 'swimlane',
      viewBox: `0 0 ${WIDTH} ${height}`,
      width: WIDTH,
      height,
      role: 'img',
      'aria-describedby': `${options.id}-desc`,
      'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
      'font-size': 10,
    },
    svg,
  );
}

function describe(s: ScenarioResult, lanes: string[]): string {
  const secs = ((s.endedAt - s.startedAt) / 1000).toFixed(1);
  return `${s.timeline.length} events over ${secs} simulated seconds in lanes: ${lanes.join(', ')}.`;
}

function renderAxis(scale: TimeScale, bottom: number): string {
  const ticks = scale.ticks.map((t) => {
    const x = scale.x(t.at);
    return (
      el('line', { class: 'grid', x1: x, x2: x, y1: AXIS_H - 4, y2: bottom, stroke: '#d5dae0', 'stroke-width': 1 }) +
      el('text', { x, y: AXIS_H - 8, 'text-anchor': 'middle', fill: '#52606d' }, text(t.label))
    );
  });
  const label = el('text', { x: 8, y: AXIS_H - 8, fill: '#52606d' }, 'simulated time');
  return el('g', { class: 'axis' }, [label, ...ticks]);
}

interface LaneInput {
  component: string;
  events: TimelineEvent[];
  bands: Band[];
  scale: TimeScale;
  y: number;
  odd: boolean;
  start: number;
}

function renderLane(lane: LaneInput): { svg: string; height: number } {
  const rowKeys = [...new Set(lane.bands.map((b) => `${b.subject}\u0000${b.kind}`))];
  const height = LANE_PAD + LABEL_ROWS * LABEL_ROW_H + MARK_H + rowKeys.length * (BAND_H + BAND_GAP) + LANE_PAD + 2;
  const markY = lane.y + LANE_PAD + LABEL_ROWS * LABEL_ROW_H;
  const bandsY = markY + MARK_H + BAND_GAP + 2;
  const fill = LANE_FILL[lane.component] ?? DEFAULT_FILL;

  const background = el('rect', {
    class: 'lane-bg',
    x: 0,
    y: lane.y,
    width: WIDTH,
    height,
    fill: lane.odd ? '#f4f6f8' : '#ffffff',
  });
  const name = el(
    'text',
    { class: 'lane-name', x: 8, y: markY + MARK_H - 2, fill: '#1f2933', 'font-weight': 600, 'font-size': 11 },
    text(lane.component),
  );

  const bands = lane.bands.map((b) => {
    const row = rowKeys.indexOf(`${b.subject}\u0000${b.kind}`);
    return renderBand(b, lane.scale, bandsY + row * (BAND_H + BAND_GAP), lane.start);
  });

  const marks = lane.events.map((e) => {
    const x = lane.scale.x(e.at);
    return el(
      'rect',
      {
        class: 'mark',
        'data-component': e.component,
        'data-type': e.type,
        'data-subject': e.subject,
        'data-status': statusOf(e),
        'data-failure': isFailure(e) ? 'true' : undefined,
        x: x - MARK_W / 2,
        y: markY,
        width: MARK_W,
        height: MARK_H,
        rx: 1.5,
        fill: isFailure(e) ? TONE_FILL.bad : fill,
      },
      title(`${formatOffset(e.at, lane.start)} ${e.type} ${e.subject}: ${e.message}`),
    );
  });

  const labels = placeLabels(
    lane.events.flatMap((e) => {
      const label = keyLabel(e);
      if (!label) return [];
      const short = truncate(label, LABEL_MAX_CHARS);
      const width = [...short].length * CHAR_W;
      const x = lane.scale.x(e.at);
      // Near the right edge the label ends at the mark instead of starting there.
      const left = x - 2 + width > WIDTH - RIGHT ? x + 2 - width : x - 2;
      return [{ x: left, width, label: short, failure: isFailure(e), type: e.type }];
    }),
    LABEL_ROWS,
  ).map((l) =>
    el(
      'text',
      {
        class: 'label',
        'data-type': l.type,
        x: l.x,
        y: lane.y + LANE_PAD + (LABEL_ROWS - l.row) * LABEL_ROW_H - 3,
        fill: l.failure ? TONE_FILL.bad : '#1f2933',
      },
      text(l.label),
    ),
  );

  const svg = el('g', { class: 'lane', 'data-component': lane.component }, [
    background,
    name,
    ...bands,
    ...marks,
    ...labels,
  ]);
  return { svg, height };
}

function renderBand(b: Band, scale: TimeScale, y: number, start: number): string {
  const x1 = scale.x(b.from);
  const width = Math.max(1, scale.x(b.to) - x1);
  const label = [...b.state].length * CHAR_W * 0.9 + 6 <= width ? b.state : undefined;
  const rect = el(
    'rect',
    {
      class: 'band',
      'data-band': b.kind,
      'data-state': b.state,
      'data-subject': b.subject,
      x: x1,
      y,
      width,
      height: BAND_H,
      rx: 2,
      fill: TONE_FILL[b.tone],
      'fill-opacity': 0.85,
    },
    title(`${b.subject} ${b.kind} ${b.state} from ${formatOffset(b.from, start)} to ${formatOffset(b.to, start)}`),
  );
  const textEl = label
    ? el(
        'text',
        { x: x1 + 3, y: y + BAND_H - 3, fill: '#ffffff', 'font-size': 9, 'pointer-events': 'none' },
        text(label),
      )
    : '';
  return rect + textEl;
}

function renderExpectations(s: ScenarioResult, scale: TimeScale, y: number): { svg: string; height: number } {
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
