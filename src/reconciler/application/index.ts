export { parseDuration } from './duration.ts';
export { ApplicationSpecError } from './errors.ts';
export {
  AUTOMATED_RETRY_LIMIT,
  DEFAULT_RETRY_DURATION_MS,
  DEFAULT_RETRY_FACTOR,
  DEFAULT_RETRY_MAX_DURATION_MS,
  retryAllowed,
  retryDelay,
} from './retry.ts';
export { SELF_HEAL_BACKOFF, selfHealDelay } from './self-heal.ts';
export type * from './types.ts';
export { unsupportedFieldsMessage, validateApplicationSpec } from './validate.ts';
