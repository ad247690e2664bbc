import type { TimelineEvent } from '../../timeline/event.ts';
import { isFailure, statusOf } from '../event-facts.ts';
import { formatOffset } from '../format.ts';
import { truncate } from '../table.ts';
import type { Band } from './bands.ts';
import { DEFAULT_FILL, LANE_FILL, TONE_FILL } from './colors.ts';
import { el, text, title } from './element.ts';
import { keyLabel, placeLabels } from './labels.ts';
import {
  BAND_GAP,
  BAND_H,
  CHAR_W,
  LABEL_MAX_CHARS,
  LABEL_ROW_H,
  LABEL_ROWS,
  LANE_PAD,
  MARK_H,
  MARK_W,
  RIGHT,
  WIDTH,
} from './layout.ts';
import type { TimeScale } from './scale.ts';

export interface LaneInput {
  component: string;
  events: TimelineEvent[];
  bands: Band[];
  scale: TimeScale;
  y: number;
  odd: boolean;
  start: number;
}

/** One component's lane: background, name, state bands (one row per subject and kind), marks and key labels. */
export function renderLane(lane: LaneInput): { svg: string; height: number } {
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
