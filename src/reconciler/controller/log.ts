import type { Clock } from '../../clock/index.ts';

export interface LogEntry {
  time: string;
  level: 'info' | 'warn' | 'error';
  msg: string;
  application?: string;
  [field: string]: unknown;
}

export type LogSink = (entry: LogEntry) => void;

/** One JSON line per decision on stderr (Argo CD logs logfmt/JSON with `application` on every app line). */
export const stderrSink: LogSink = (entry) => {
  process.stderr.write(`${JSON.stringify(entry)}\n`);
};

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(options: { clock: Clock; sink?: LogSink | boolean }): Logger {
  const sink = options.sink === true ? stderrSink : options.sink || undefined;
  const emit = (level: LogEntry['level'], msg: string, fields: Record<string, unknown> = {}) => {
    if (!sink) return;
    sink({ time: new Date(options.clock.now()).toISOString(), level, msg, ...fields });
  };
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}
