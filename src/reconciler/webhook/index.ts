export { WebhookError, type WebhookErrorCode } from './errors.ts';
export { type ApplicationMatch, matchApplication, type SourceMatch, type WebhookApplication } from './match.ts';
export {
  DEFAULT_MAX_PAYLOAD_BYTES,
  type ParseWebhookOptions,
  parseWebhook,
  type WebhookSecrets,
} from './parse.ts';
export { filesHaveChanged, MANIFEST_GENERATE_PATHS_ANNOTATION, refreshPaths } from './paths.ts';
export { type IgnoredEvent, type PushEvent, parseRevision, type WebhookProvider } from './push-event.ts';
export { webUrlRegex } from './repo-url.ts';
export type { WebhookRequest } from './request.ts';
export { revisionMatches } from './revision.ts';
