import type { StepEvent, StepListener } from '../../providers/startup.ts';

/**
 * Draws start-up steps as a task list with timings. On a terminal the running step shows "…" and is redrawn in
 * place when it ends; elsewhere (CI logs, pipes) each step is one line when it ends, so logs stay append-only.
 */
export function stepList(stream: NodeJS.WritableStream & { isTTY?: boolean }): StepListener {
  const tty = Boolean(stream.isTTY) && !process.env.CI;
  return (event: StepEvent) => {
    if (event.state === 'started') {
      if (tty) stream.write(`  … ${event.title}`);
      return;
    }
    const mark = event.state === 'done' ? '✔' : '✖';
    const line = `  ${mark} ${event.title}  ${formatMs(event.ms ?? 0)}${event.error ? `\n    ${event.error}` : ''}\n`;
    stream.write(tty ? `\r\x1b[2K${line}` : line);
  };
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
