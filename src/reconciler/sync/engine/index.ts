export { SyncEngineError, type SyncEngineErrorCode } from './errors.ts';
export { resourceKey } from './out-of-sync.ts';
export { DEFAULT_WAVE_DELAY_MS, SyncContext } from './sync-context.ts';
export type {
  GetLive,
  OperationPhase,
  ResultCode,
  SyncContextOptions,
  SyncOperationOptions,
  SyncOptions,
  SyncResourceResult,
  SyncState,
} from './types.ts';
