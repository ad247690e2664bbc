import type { TimelineEvent } from '../timeline/event.ts';

/** Events that say something went wrong: red in the terminal table and in the chart. */
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
