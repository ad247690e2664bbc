export { GitServerError, type GitServerErrorCode } from './errors.ts';
export { type GitServerOptions, type StartedGitServer, startGitServer } from './server.ts';
export type { PushCommit, PushEvent, WebhookDelivery, WebhookOptions } from './types.ts';
