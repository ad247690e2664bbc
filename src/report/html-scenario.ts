import type { ExpectationResult, ScenarioResult } from '../scenario/result.ts';
import { formatDuration, formatOffset } from './format.ts';
import { simulatedMs } from './summary.ts';
import { TONE_FILL } from './svg/colors.ts';
import { el, text } from './svg/element.ts';
import { renderSwimlane } from './svg/swimlane.ts';
import { timelineLines } from './timeline-text.ts';

/** One scenario's section: verdict, durations, error, expectations, steps, the swimlane and its table fallback. */
export function renderScenarioSection(s: ScenarioResult, index: number): string {
  const id = `scenario-${index + 1}`;
  const verdict = s.passed ? 'passed' : 'failed';
  return el('section', { class: `scenario ${verdict}`, id, 'data-scenario': s.name, 'data-passed': String(s.passed) }, [
    el('h2', {}, [
      el('span', { class: `verdict ${verdict}` }, s.passed ? '✓ passed' : '✗ failed'),
      ' ',
      text(s.name),
      ' — ',
      text(s.title),
    ]),
    facts(s),
    s.error ? el('pre', { class: 'error' }, text(`error: ${s.error}`)) : '',
    s.expectations.length > 0 ? el('h3', {}, 'Expectations') : '',
    s.expectations.length > 0
      ? el(
          'ul',
          { class: 'expectations' },
          s.expectations.map((e) => expectation(e, s)),
        )
      : '',
    s.steps.length > 0 ? el('h3', {}, 'Steps') : '',
    s.steps.length > 0
      ? el(
          'ul',
          { class: 'steps' },
          s.steps.map((step) => stepItem(step, s.startedAt)),
        )
      : '',
    el('h3', {}, 'Timeline'),
    s.timeline.length > 0
      ? el('figure', {}, [renderSwimlane(s, { id }), legend()])
      : el('p', {}, 'No events were recorded.'),
    timelineTable(s),
  ]);
}

function facts(s: ScenarioResult): string {
  const items: [string, string][] = [
    ['simulated', formatDuration(simulatedMs(s))],
    ['wall', formatDuration(s.wallMs)],
    ['provider', s.provider],
    ['speed', `${s.speed}×`],
    ['seed', String(s.seed)],
    ['started', new Date(s.startedAt).toISOString()],
  ];
  return el(
    'dl',
    { class: 'facts' },
    items.map(([k, v]) => el('div', {}, [el('dt', {}, text(k)), el('dd', {}, text(v))])),
  );
}

function expectation(e: ExpectationResult, s: ScenarioResult): string {
  const state = e.passed ? 'passed' : 'failed';
  const slice =
    !e.passed && e.slice && e.slice.length > 0
      ? el('pre', { class: 'slice' }, text(timelineLines(e.slice, s.startedAt).join('\n')))
      : '';
  const when = e.at === undefined ? '' : ` (decided at ${formatOffset(e.at, s.startedAt)})`;
  return el('li', { class: `expectation ${state}`, 'data-passed': String(e.passed) }, [
    el('span', { class: 'sign', 'aria-label': state }, e.passed ? '✓' : '✗'),
    text(e.description),
    el('div', { class: 'message' }, text(e.message + when)),
    slice,
  ]);
}

function stepItem(step: ScenarioResult['steps'][number], start: number): string {
  const state = step.passed ? 'passed' : 'failed';
  return el('li', { class: `step ${state}` }, [
    el('span', { class: 'sign', 'aria-label': state }, step.passed ? '✓' : '✗'),
    text(`${formatOffset(step.at, start)} ${step.name}`),
    step.error ? el('div', { class: 'message error' }, text(step.error)) : '',
  ]);
}

function legend(): string {
  const items: [string, string][] = [
    [TONE_FILL.good, 'Synced / Healthy'],
    [TONE_FILL.warn, 'OutOfSync'],
    [TONE_FILL.info, 'Progressing / rolling out / version answering'],
    [TONE_FILL.bad, 'failing / NotReady / Degraded / no endpoints'],
    [TONE_FILL.neutral, 'other states'],
  ];
  return el(
    'figcaption',
    {},
    items.map(([color, label]) =>
      el('span', {}, [el('span', { class: 'swatch', style: `background:${color}` }), text(label)]),
    ),
  );
}

/** The same events as text: for screen readers, search, and copying into an issue. */
function timelineTable(s: ScenarioResult): string {
  const head = el(
    'tr',
    {},
    ['time', 'component', 'type', 'subject', 'message'].map((h) => el('th', { scope: 'col' }, h)),
  );
  const rows = s.timeline.map((e) =>
    el('tr', { 'data-component': e.component, 'data-type': e.type }, [
      el('td', {}, text(formatOffset(e.at, s.startedAt))),
      el('td', {}, text(e.component)),
      el('td', {}, text(e.type)),
      el('td', {}, text(e.subject)),
      el('td', {}, text(e.message)),
    ]),
  );
  return el('details', { class: 'timeline-table' }, [
    el('summary', {}, text(`Timeline as a table (${s.timeline.length} events)`)),
    el('table', {}, [el('thead', {}, head), el('tbody', {}, rows)]),
  ]);
}
