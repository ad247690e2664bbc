import type { TimelineEvent } from '../../timeline/event.ts';

export type Tone = 'good' | 'warn' | 'bad' | 'info' | 'neutral';

/** An interval during which one object was in one state: drawn as a coloured band under its lane's marks. */
export interface Band {
  component: string;
  subject: string;
  /** Which state this is (health, sync, ready…): one band row per component, subject and kind. */
  kind: string;
  state: string;
  tone: Tone;
  from: number;
  to: number;
}

/** What an event says about a state: a new state, the end of one (`null`), or nothing. */
type Change = { kind: string; state: { name: string; tone: Tone } | null };

const HEALTH_TONES: Record<string, Tone> = { Healthy: 'good', Progressing: 'info', Degraded: 'bad', Missing: 'bad' };
const SYNC_TONES: Record<string, Tone> = { Synced: 'good', OutOfSync: 'warn' };

function str(e: TimelineEvent, key: string): string {
  const v = e.data?.[key];
  return v === undefined || v === null ? '' : String(v);
}

function num(e: TimelineEvent, key: string): number {
  const v = e.data?.[key];
  return typeof v === 'number' ? v : Number.NaN;
}

/** The rules: which events open or close which state. Only states worth seeing at a glance get a band. */
function changeOf(e: TimelineEvent): Change | undefined {
  switch (`${e.component}/${e.type}`) {
    case 'application/sync-status': {
      const s = str(e, 'status') || e.message;
      return { kind: 'sync', state: { name: s, tone: SYNC_TONES[s] ?? 'neutral' } };
    }
    case 'application/health': {
      const s = str(e, 'status') || e.message;
      return { kind: 'health', state: { name: s, tone: HEALTH_TONES[s] ?? 'neutral' } };
    }
    case 'deployment/rollout': {
      const replicas = num(e, 'replicas');
      const rolling = num(e, 'updated') < replicas || num(e, 'available') < replicas || num(e, 'unavailable') > 0;
      return { kind: 'rollout', state: rolling ? { name: 'rolling out', tone: 'info' } : null };
    }
    case 'node/ready': {
      const s = str(e, 'status');
      return {
        kind: 'ready',
        state: s === 'True' ? null : { name: s === 'False' ? 'NotReady' : `NotReady (${s || 'Unknown'})`, tone: 'bad' },
      };
    }
    case 'service/endpoints':
      return { kind: 'endpoints', state: num(e, 'ready') === 0 ? { name: 'no ready endpoints', tone: 'bad' } : null };
    case 'probe/version':
      return { kind: 'version', state: { name: str(e, 'version') || e.message, tone: 'info' } };
    case 'probe/failure':
      return { kind: 'failing', state: { name: 'failing', tone: 'bad' } };
    case 'probe/recovered':
      return { kind: 'failing', state: null };
    case 'pod/failed':
      return { kind: 'failed', state: { name: str(e, 'reason') || 'failed', tone: 'bad' } };
    case 'pod/ready':
    case 'pod/deleted':
      return { kind: 'failed', state: null };
    default:
      return undefined;
  }
}

/** State intervals of a timeline (sorted by time); states still open at `end` last until `end`. */
export function stateBands(timeline: readonly TimelineEvent[], end: number): Band[] {
  const open = new Map<string, Band>();
  const bands: Band[] = [];
  // Opening order breaks ties between bands that start together, so the output does not depend on when they end.
  const opened = new Map<Band, number>();
  const events = [...timeline].sort((a, b) => a.at - b.at);
  for (const e of events) {
    const change = changeOf(e);
    if (!change) continue;
    const key = `${e.component}\u0000${e.subject}\u0000${change.kind}`;
    const current = open.get(key);
    if (current && change.state && current.state === change.state.name) continue;
    if (current) {
      current.to = e.at;
      bands.push(current);
      open.delete(key);
    }
    if (change.state) {
      const band: Band = {
        component: e.component,
        subject: e.subject,
        kind: change.kind,
        state: change.state.name,
        tone: change.state.tone,
        from: e.at,
        to: end,
      };
      opened.set(band, opened.size);
      open.set(key, band);
    }
  }
  for (const band of open.values()) {
    band.to = Math.max(end, band.from);
    bands.push(band);
  }
  return bands.sort((a, b) => a.from - b.from || (opened.get(a) ?? 0) - (opened.get(b) ?? 0));
}
