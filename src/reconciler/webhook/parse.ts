import { WebhookError } from './errors.ts';
import { type IgnoredEvent, type PushEvent, parseJson, pushFrom } from './push-event.ts';
import { bodyBytes, header, type WebhookRequest } from './request.ts';
import { constantTimeEqual, hmacSha256Hex } from './signature.ts';

/**
 * Secrets as in `argocd-secret`: `webhook.gogs.secret`, `webhook.github.secret`, `webhook.gitlab.secret`. There is
 * no Gitea secret: Gitea sends X-Gogs-Event and X-Gogs-Signature too, and is verified as Gogs. A provider without a
 * secret is not verified, as in Argo CD (go-playground/webhooks skips the check).
 */
export interface WebhookSecrets {
  gogs?: string;
  github?: string;
  gitlab?: string;
}

export interface ParseWebhookOptions {
  secrets: WebhookSecrets;
  /** Largest accepted body; Argo CD's `webhook.maxPayloadSizeMB` defaults to 50 MB. */
  maxPayloadBytes?: number;
}

export const DEFAULT_MAX_PAYLOAD_BYTES = 50 * 1024 * 1024;

/**
 * Parses and verifies a push delivery the way Argo CD's `/api/webhook` handler dispatches it: Gogs first (Gitea sends
 * Gogs *and* GitHub headers), then GitHub (push and ping), then GitLab (Push Hook, Tag Push Hook). Throws WebhookError
 * naming the failed check; its `httpStatus` is what to answer.
 */
export function parseWebhook(request: WebhookRequest, options: ParseWebhookOptions): PushEvent | IgnoredEvent {
  const body = bodyBytes(request);
  const max = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  if (body.length > max) {
    throw new WebhookError(
      'WEBHOOK_PAYLOAD_TOO_LARGE',
      `webhook payload of ${body.length} bytes exceeds the limit of ${max} bytes`,
    );
  }
  const gogsEvent = header(request, 'X-Gogs-Event');
  if (gogsEvent) {
    if (gogsEvent !== 'push') throw notAccepted('gogs', 'X-Gogs-Event', gogsEvent, 'push');
    verifyHmac(body, options.secrets.gogs, header(request, 'X-Gogs-Signature'), 'gogs', 'X-Gogs-Signature', '');
    return pushFrom(parseJson(body, 'gogs'), 'gogs', 'repository', 'html_url');
  }
  const githubEvent = header(request, 'X-GitHub-Event');
  if (githubEvent) {
    if (githubEvent !== 'push' && githubEvent !== 'ping')
      throw notAccepted('github', 'X-GitHub-Event', githubEvent, 'push, ping');
    verifyHmac(
      body,
      options.secrets.github,
      header(request, 'X-Hub-Signature-256'),
      'github',
      'X-Hub-Signature-256',
      'sha256=',
    );
    const payload = parseJson(body, 'github');
    if (githubEvent === 'ping') return { type: 'ignored', provider: 'github', reason: 'ping event' };
    return pushFrom(payload, 'github', 'repository', 'html_url');
  }
  const gitlabEvent = header(request, 'X-Gitlab-Event');
  if (gitlabEvent) {
    if (gitlabEvent !== 'Push Hook' && gitlabEvent !== 'Tag Push Hook') {
      throw notAccepted('gitlab', 'X-Gitlab-Event', gitlabEvent, '"Push Hook", "Tag Push Hook"');
    }
    const secret = options.secrets.gitlab;
    if (secret) {
      const token = header(request, 'X-Gitlab-Token');
      if (token === undefined)
        throw new WebhookError('WEBHOOK_SIGNATURE_MISSING', 'gitlab webhook: missing X-Gitlab-Token header');
      if (!constantTimeEqual(token, secret)) {
        throw new WebhookError(
          'WEBHOOK_TOKEN_MISMATCH',
          'gitlab webhook: X-Gitlab-Token does not match webhook.gitlab.secret',
        );
      }
    }
    return pushFrom(parseJson(body, 'gitlab'), 'gitlab', 'project', 'web_url');
  }
  throw new WebhookError(
    'WEBHOOK_UNKNOWN_EVENT',
    'unknown webhook event: expected an X-Gogs-Event, X-GitHub-Event or X-Gitlab-Event header',
  );
}

function notAccepted(provider: string, name: string, value: string, accepted: string): WebhookError {
  return new WebhookError(
    'WEBHOOK_EVENT_NOT_ACCEPTED',
    `${provider} webhook: ${name} ${JSON.stringify(value)} is not handled (accepted: ${accepted})`,
  );
}

function verifyHmac(
  body: Buffer,
  secret: string | undefined,
  received: string | undefined,
  provider: 'gogs' | 'github',
  headerName: string,
  prefix: string,
): void {
  if (!secret) return;
  if (received === undefined || received === '') {
    throw new WebhookError('WEBHOOK_SIGNATURE_MISSING', `${provider} webhook: missing ${headerName} header`);
  }
  const expected = `${prefix}${hmacSha256Hex(body, secret)}`;
  if (!constantTimeEqual(received.toLowerCase(), expected)) {
    throw new WebhookError(
      'WEBHOOK_SIGNATURE_MISMATCH',
      `${provider} webhook: ${headerName} is not the HMAC-SHA256 of the body with webhook.${provider}.secret`,
    );
  }
}
