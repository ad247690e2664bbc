import type { AppContext } from './context.ts';
import type { OutputFormat } from './output.ts';
import { defaultWatch, type WatchOptions, waitOnApplicationStatus } from './watch.ts';

export interface WaitOptions extends WatchOptions {
  timeoutSeconds: number;
  output: OutputFormat;
}

/** `app wait NAME…`: by default until Synced, Healthy and no operation; flags narrow or widen what counts. */
export async function runWait(ctx: AppContext, names: readonly string[], options: WaitOptions): Promise<number> {
  const watch = defaultWatch({
    ...(options.sync ? { sync: true } : {}),
    ...(options.health ? { health: true } : {}),
    ...(options.operation ? { operation: true } : {}),
    ...(options.suspended ? { suspended: true } : {}),
    ...(options.degraded ? { degraded: true } : {}),
  });
  for (const name of names) {
    await waitOnApplicationStatus(ctx, { name, watch, timeoutSeconds: options.timeoutSeconds, output: options.output });
  }
  return 0;
}
