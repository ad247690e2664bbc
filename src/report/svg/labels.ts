import type { TimelineEvent } from '../../timeline/event.ts';

/**
 * The short label drawn next to a key event (actions, pushes, tags, updates, sync/health changes, failures), or
 * undefined for the rest, which keep only their hover text so the lanes stay readable.
 */
export function keyLabel(e: TimelineEvent): string | undefined {
  const d = e.data ?? {};
  const s = (key: string) => (d[key] === undefined ? '' : String(d[key]));
  switch (`${e.component}/${e.type}`) {
    case 'scenario/action':
    case 'scenario/step':
      return e.message;
    case 'git/push':
      return `push ${s('after').slice(0, 7)}`.trim();
    case 'registry/tag':
      return `tag ${s('tag')}`;
    case 'image-updater/update':
      return s('from') && s('to') ? `${s('from')} → ${s('to')}` : e.message;
    case 'application/sync-status':
    case 'application/health':
      return s('status') || e.message;
    case 'application/operation':
      return ['Failed', 'Error'].includes(s('phase')) ? `sync ${s('phase')}` : undefined;
    case 'deployment/rollout':
      return isRolledOut(d) ? 'rolled out' : undefined;
    case 'pod/failed':
      return s('reason') || 'failed';
    case 'node/ready':
      return s('status') === 'True' ? 'Ready' : 'NotReady';
    case 'service/endpoints':
      return d['ready'] === 0 ? '0 ready' : undefined;
    case 'probe/version':
      return s('version');
    case 'probe/failure':
      return s('reason') || 'failure';
    case 'probe/recovered':
      return 'recovered';
    default:
      return undefined;
  }
}

function isRolledOut(d: Record<string, unknown>): boolean {
  return typeof d['replicas'] === 'number' && d['updated'] === d['replicas'] && d['available'] === d['replicas'];
}

/**
 * Greedy placement of labels in up to `rows` rows: a label goes in the first row where it does not overlap the
 * previous one; labels that fit nowhere are dropped (the mark keeps its hover text).
 */
export function placeLabels<T extends { x: number; width: number }>(items: readonly T[], rows: number, gap = 6) {
  const rowEnds: number[] = Array.from({ length: rows }, () => Number.NEGATIVE_INFINITY);
  const placed: (T & { row: number })[] = [];
  for (const item of [...items].sort((a, b) => a.x - b.x)) {
    const row = rowEnds.findIndex((end) => item.x >= end + gap);
    if (row < 0) continue;
    rowEnds[row] = item.x + item.width;
    placed.push({ ...item, row });
  }
  return placed;
}

/**
 * Where an expectation bracket's label goes: right of it, else left of it (not into the lane names), else inside
 * it between its legs, else cut to the room on the right or inside, whichever is larger.
 */
export function bracketLabel(
  label: string,
  span: { x1: number; x2: number },
  plot: { left: number; right: number; charWidth: number },
): { x: number; anchor: 'start' | 'end'; text: string } {
  const chars = [...label].length;
  const width = chars * plot.charWidth;
  const right = plot.right - (span.x2 + 6);
  const inside = span.x2 - span.x1 - 8;
  if (width <= right) return { x: span.x2 + 6, anchor: 'start', text: label };
  if (width <= span.x1 - 6 - plot.left) return { x: span.x1 - 6, anchor: 'end', text: label };
  if (width <= inside) return { x: span.x1 + 4, anchor: 'start', text: label };
  const room = Math.max(right, inside);
  const fit =
    chars > 1 ? [...label].slice(0, Math.max(1, Math.floor(room / plot.charWidth) - 1)).join('') + '…' : label;
  return right >= inside
    ? { x: span.x2 + 6, anchor: 'start', text: fit }
    : { x: span.x1 + 4, anchor: 'start', text: fit };
}
