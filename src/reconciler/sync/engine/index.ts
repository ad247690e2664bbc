export { SyncEngineError, type SyncEngineErrorCode } from './errors.ts';
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
