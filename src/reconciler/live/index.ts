export { LiveStateError, type LiveStateErrorCode } from './errors.ts';
export { type KindChange, KindWatch, type KindWatchOptions } from './kind-watch.ts';
export {
  type KindRef,
  type LiveChangeHandler,
  LiveStateCache,
  type LiveStateCacheOptions,
} from './live-state-cache.ts';
export { groupKindKey, keyOfObject, objectKey } from './object-key.ts';
