import { compareApp } from '../diff/index.ts';
import { LiveStateCache } from '../live/index.ts';
import { ControllerError } from './errors.ts';
import type { ControllerEngines } from './ports.ts';

/**
 * The real live-state cache (src/reconciler/live) and differ (src/reconciler/diff) behind the controller's ports.
 * The sync engine (src/reconciler/sync/engine) is bound in `sync-engine.ts`.
 */
export function defaultEngines(startSync: ControllerEngines['startSync'] = missingSyncEngine): ControllerEngines {
  return {
    createLiveState: (options) => new LiveStateCache(options),
    compare: (input) => compareApp(input),
    startSync,
  };
}

function missingSyncEngine(): never {
  throw new ControllerError(
    'CONTROLLER_OPERATION_INVALID',
    'the sync engine (src/reconciler/sync/engine) is not available in this build; operations cannot run',
  );
}
