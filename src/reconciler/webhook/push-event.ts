import { WebhookError } from './errors.ts';

export type WebhookProvider = 'gogs' | 'github' | 'gitlab';

/** What Argo CD takes from a push payload (util/webhook/webhook.go `affectedRevisionInfo`). */
export interface PushEvent {
  type: 'push';
  provider: WebhookProvider;
  /** The repository's web URL (without `.git`), matched against app repoURLs. */
  webUrl: string;
  /** Last part of the ref: `refs/heads/main` → `main`, `refs/heads/feature/x` → `feature/x`. */
  revision: string;
  /** The push updated the repository's default branch. */
  touchedHead: boolean;
  before: string;
  after: string;
  /** Added, modified and removed files of all commits; empty when the payload lists none. */
  changedFiles: string[];
}

/** A delivery that is accepted but changes nothing, e.g. GitHub's ping. */
export interface IgnoredEvent {
  type: 'ignored';
  provider: WebhookProvider;
  reason: string;
}

/** Argo CD `ParseRevision`: the last of at most three `/`-separated parts. */
export function parseRevision(ref: string): string {
  const parts = ref.split('/');
  return parts.length <= 3 ? parts[parts.length - 1]! : parts.slice(2).join('/');
}

type Json = Record<string, unknown>;

export function parseJson(body: Buffer, provider: WebhookProvider): Json {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Json;
  } catch (error) {
    throw new WebhookError('WEBHOOK_PAYLOAD_INVALID', `${provider} webhook: the payload is not valid JSON`, {
      cause: error,
    });
  }
  throw new WebhookError('WEBHOOK_PAYLOAD_INVALID', `${provider} webhook: the payload is not a JSON object`);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function files(commits: unknown): string[] {
  if (!Array.isArray(commits)) return [];
  return commits.flatMap((commit: unknown) => {
    if (typeof commit !== 'object' || commit === null) return [];
    const c = commit as Json;
    return [c['added'], c['modified'], c['removed']].flatMap((list) =>
      Array.isArray(list) ? list.filter((f): f is string => typeof f === 'string') : [],
    );
  });
}

/** A push from a parsed payload whose repository object is under `repoKey` (`repository` or GitLab's `project`). */
export function pushFrom(
  payload: Json,
  provider: WebhookProvider,
  repoKey: 'repository' | 'project',
  webUrlKey: string,
): PushEvent {
  const repo = payload[repoKey];
  const repository = typeof repo === 'object' && repo !== null ? (repo as Json) : {};
  const webUrl = text(repository[webUrlKey]);
  if (!webUrl || typeof payload['ref'] !== 'string') {
    throw new WebhookError(
      'WEBHOOK_PAYLOAD_INVALID',
      `${provider} webhook: the push payload has no ref or ${repoKey}.${webUrlKey}`,
    );
  }
  const revision = parseRevision(payload['ref']);
  return {
    type: 'push',
    provider,
    webUrl,
    revision,
    touchedHead: text(repository['default_branch']) === revision,
    before: parseRevision(text(payload['before'])),
    after: parseRevision(text(payload['after'])),
    changedFiles: files(payload['commits']),
  };
}
