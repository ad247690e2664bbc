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

/** Events whose mark is drawn red: something went wrong. */
export function isFailure(e: TimelineEvent): boolean {
  const d = e.data ?? {};
  if (e.type === 'failure' || e.type === 'failed') return true;
  if (e.component === 'node' && e.type === 'ready') return d['status'] !== 'True';
  if (e.component === 'application' && e.type === 'health')
    return d['status'] === 'Degraded' || d['status'] === 'Missing';
  if (e.component === 'application' && e.type === 'operation') return d['phase'] === 'Failed' || d['phase'] === 'Error';
  if (e.component === 'service' && e.type === 'endpoints') return d['ready'] === 0;
  return false;
}

/** The state an event reports, for `data-status` (tests and styles pick marks by it). */
export function statusOf(e: TimelineEvent): string | undefined {
  const d = e.data ?? {};
  const v = d['status'] ?? d['phase'] ?? d['version'];
  return v === undefined || v === null ? undefined : String(v);
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
