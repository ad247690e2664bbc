import type { ScenarioResult } from '../../scenario/result.ts';
import { stateBands } from './bands.ts';
import { el, text, title } from './element.ts';
import { renderExpectations } from './expectations.ts';
import { renderLane } from './lane.ts';
import { lanesOf } from './lanes.ts';
import { AXIS_H, LEFT, RIGHT, WIDTH } from './layout.ts';
import { type TimeScale, timeScale } from './scale.ts';

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
