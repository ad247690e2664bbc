import test from 'ava';
import { bracketLabel, placeLabels } from '../../../src/report/svg/labels.ts';
import { lanesOf } from '../../../src/report/svg/lanes.ts';
import { tickLabel, timeScale } from '../../../src/report/svg/scale.ts';
import { renderSwimlane } from '../../../src/report/svg/swimlane.ts';
import { expectationWindow } from '../../../src/report/svg/windows.ts';
import type { ExpectationResult } from '../../../src/scenario/result.ts';
import type { TimelineEvent } from '../../../src/timeline/event.ts';

test('the time axis maps the scenario span onto the plot and ticks at round seconds', (t) => {
  const scale = timeScale({ start: 1000, end: 13_000, x0: 100, width: 600 });
  t.is(scale.x(1000), 100);
  t.is(scale.x(13_000), 700);
  t.is(scale.x(7000), 400);
  t.deepEqual(
    scale.ticks.map((k) => k.label),
    ['0s', '1s', '2s', '3s', '4s', '5s', '6s', '7s', '8s', '9s', '10s', '11s', '12s'],
  );
  const long = timeScale({ start: 0, end: 6 * 60_000, x0: 0, width: 100 });
  t.deepEqual(
    long.ticks.map((k) => k.label),
    ['0s', '30s', '1m', '1m30s', '2m', '2m30s', '3m', '3m30s', '4m', '4m30s', '5m', '5m30s', '6m'],
  );
  // An empty span still gives a usable axis.
  t.true(timeScale({ start: 5, end: 5, x0: 0, width: 100 }).ticks.length > 1);
  t.is(tickLabel(0.5), '0.5s');
});

test('lanes come in the fixed order; components unknown to this version go last', (t) => {
  const e = (component: string) => ({ component }) as TimelineEvent;
  t.deepEqual(lanesOf([e('probe'), e('git'), e('zeta'), e('scenario'), e('git'), e('alpha')]), [
    'scenario',
    'git',
    'probe',
    'alpha',
    'zeta',
  ]);
});

test('labels take the first row where they do not overlap; those that fit nowhere are dropped', (t) => {
  const placed = placeLabels(
    [
      { x: 0, width: 50, id: 'a' },
      { x: 20, width: 50, id: 'b' },
      { x: 40, width: 50, id: 'c' },
      { x: 60, width: 10, id: 'd' },
    ],
    2,
  );
  t.deepEqual(
    placed.map((p) => [p.id, p.row]),
    [
      ['a', 0],
      ['b', 1],
      ['d', 0],
    ],
  );
});

test('an expectation window: declared window first, else its slice and decision time, else nothing', (t) => {
  const slice = [{ at: 2000 }, { at: 5000 }] as TimelineEvent[];
  const base: ExpectationResult = { description: 'd', passed: true, message: 'm' };
  t.deepEqual(expectationWindow({ ...base, slice, at: 7000 }), { from: 2000, to: 7000 });
  t.deepEqual(expectationWindow({ ...base, at: 3000 }), { from: 3000, to: 3000 });
  t.is(expectationWindow(base), undefined);
  const declared = Object.assign({ ...base, slice, at: 7000 }, { window: { from: 2200, to: 12_200 } });
  t.deepEqual(expectationWindow(declared), { from: 2200, to: 12_200 });
});

test('a bracket label goes right, else left, else inside, else cut to the larger room', (t) => {
  const plot = { left: 100, right: 1000, charWidth: 10 };
  const label = 'x'.repeat(20); // 200 px
  t.deepEqual(bracketLabel(label, { x1: 300, x2: 400 }, plot), { x: 406, anchor: 'start', text: label });
  t.deepEqual(bracketLabel(label, { x1: 400, x2: 900 }, plot), { x: 394, anchor: 'end', text: label });
  t.deepEqual(bracketLabel(label, { x1: 150, x2: 900 }, plot), { x: 154, anchor: 'start', text: label });
  const cut = bracketLabel(label, { x1: 150, x2: 300 }, { ...plot, right: 500 });
  t.is(cut.x, 306);
  t.true(cut.text.endsWith('…') && [...cut.text].length * 10 <= 500 - 306, cut.text);
  const cutInside = bracketLabel(label, { x1: 120, x2: 250 }, { ...plot, right: 300 });
  t.is(cutInside.x, 124);
  t.true([...cutInside.text].length * 10 <= 250 - 120 - 8);
});

test('a long soak timeline (200,000 events) renders without exhausting call arguments', (t) => {
  const start = Date.UTC(2026, 0, 1);
  const timeline: TimelineEvent[] = Array.from({ length: 200_000 }, (_, i) => ({
    at: start + i * 10,
    component: 'probe',
    type: 'version',
    subject: 'dev/web',
    message: 'answers 1',
    data: { version: '1' },
  }));
  const svg = renderSwimlane(
    {
      name: 'soak',
      title: 'Soak',
      passed: true,
      startedAt: start,
      endedAt: start + 2_000_000,
      wallMs: 1,
      provider: 'embedded',
      speed: 1,
      seed: 1,
      steps: [],
      expectations: [{ description: 'd', passed: true, message: 'm', slice: timeline, at: start + 2_000_000 }],
      timeline,
    },
    { id: 's' },
  );
  t.true(svg.startsWith('<svg'));
  t.is(svg.match(/class="lane"/g)?.length, 1);
});
