import type { Clock } from '../clock/index.ts';

/** One JSON log entry per decision: images considered, tags seen, the candidate and why, the commit. */
export interface UpdaterLogEntry {
  time: string;
  level: 'info' | 'warn' | 'error';
  component: 'image-updater';
  msg: string;
  application?: string;
  [field: string]: unknown;
}

export type UpdaterLog = (level: UpdaterLogEntry['level'], msg: string, fields?: Record<string, unknown>) => void;

export function createLog(clock: Clock, sink: ((entry: UpdaterLogEntry) => void) | undefined): UpdaterLog {
  return (level, msg, fields = {}) =>
    sink?.({ time: new Date(clock.now()).toISOString(), level, component: 'image-updater', msg, ...fields });
}
