import { WebhookError } from './errors.ts';

/** RFC 3986 user info as Argo CD accepts it (util/webhook/webhook.go `usernameRegex`). */
const USERNAME = String.raw`[\w\.][\w\.-]{0,30}[\w\.\$-]?`;

const quote = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The regex Argo CD `GetWebURLRegex` builds from a payload's web URL, matched case-insensitively against each
 * source's repoURL: optional `http(s)://` or `ssh://`, optional `user@`, optional `ssh.`/`altssh.` subdomain, the
 * host, an optional port, `:` or `/`, the path, and an optional `.git` — so `https://git.example/org/repo`,
 * `git@git.example:org/repo.git` and `ssh://git@ssh.git.example:22/org/repo` all match one push.
 */
export function webUrlRegex(webUrl: string): RegExp {
  let url: URL;
  try {
    url = new URL(webUrl);
  } catch (error) {
    throw new WebhookError('WEBHOOK_PAYLOAD_INVALID', `failed to parse repository URL ${JSON.stringify(webUrl)}`, {
      cause: error,
    });
  }
  const host = quote(url.hostname.replace(/^\[(.*)\]$/, '$1'));
  const path = quote(url.pathname.slice(1));
  return new RegExp(
    String.raw`^((https?|ssh)://)?(${USERNAME}@)?((alt)?ssh\.)?${host}(:\d+)?[:/]${path}(\.git)?$`,
    'i',
  );
}
