import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../clock/index.ts';
import { messageOf } from '../../errors.ts';
import { TimelineError } from '../errors.ts';
import type { TimelineSink } from '../event.ts';
import { gitPushEvent } from './git-push.ts';

export interface GitWatchOptions {
  /** Base URL of the Gitea API server as reachable from here, e.g. http://127.0.0.1:3000. */
  url: string;
  token: string;
  username: string;
  /** `owner/name` or `name` (the user's); default: every repository of the user (GET /api/v1/user/repos). */
  repos?: string[];
}

export interface GitWebhooks {
  /** Where the git server delivers pushes. */
  readonly url: string;
  /** Removes the hooks, then stops the receiver. */
  close(): Promise<void>;
}

/**
 * Hears pushes as Gitea tells them to anyone: a push webhook (type gitea, JSON) on each watched repository,
 * delivered to a small HTTP receiver. Each delivery becomes a `git/push` event, stamped when it arrives.
 */
export async function startGitWebhooks(options: {
  git: GitWatchOptions;
  clock: Clock;
  sink: TimelineSink;
  /** The host name the git server reaches the receiver by (kind: host.docker.internal); default 127.0.0.1. */
  webhookHost?: string;
}): Promise<GitWebhooks> {
  const { git, clock, sink } = options;
  const host = options.webhookHost ?? '127.0.0.1';
  // A git server in a container reaches us through the host's bridge, so listen beyond loopback then.
  const listen = /^(127\.|localhost$)/.test(host) ? '127.0.0.1' : '0.0.0.0';
  const server = createServer((request, response) => {
    receive(request, response).catch(() => {});
  });
  const receive = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const kind = request.headers['x-gitea-event'] ?? request.headers['x-gogs-event'];
    let status = 200;
    if (kind === 'push') {
      try {
        sink.record({ at: clock.now(), ...gitPushEvent(JSON.parse(Buffer.concat(chunks).toString('utf8'))) });
      } catch {
        status = 400;
      }
    }
    response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 200 ? 'ok\n' : 'bad payload\n');
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, listen, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}/git`;
  const api = giteaApi(git);
  const hooks: { repo: string; id: number }[] = [];
  const close = async () => {
    await Promise.allSettled(hooks.map((h) => api('DELETE', `/repos/${h.repo}/hooks/${h.id}`)));
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    const repos = git.repos?.map((r) => (r.includes('/') ? r : `${git.username}/${r}`)) ?? (await userRepos(api));
    for (const repo of repos) {
      const hook = (await api('POST', `/repos/${repo}/hooks`, {
        type: 'gitea',
        config: { url, content_type: 'json' },
        events: ['push'],
        active: true,
      })) as { id: number };
      hooks.push({ repo, id: hook.id });
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close };
}

type Api = (method: string, path: string, body?: unknown) => Promise<unknown>;

function giteaApi(git: GitWatchOptions): Api {
  return async (method, path, body) => {
    const target = `${git.url.replace(/\/$/, '')}/api/v1${path}`;
    let response: Response;
    try {
      response = await fetch(target, {
        method,
        headers: {
          Authorization: `token ${git.token}`,
          Accept: 'application/json',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      throw new TimelineError('GitHook', `the git server at ${git.url} does not answer: ${messageOf(error)}`, {
        cause: error,
      });
    }
    const text = await response.text();
    if (!response.ok) {
      throw new TimelineError(
        'GitHook',
        `${method} ${target} answered ${response.status}: ${text.slice(0, 200)}; check the git token and that the repository exists`,
      );
    }
    return text ? JSON.parse(text) : undefined;
  };
}

async function userRepos(api: Api): Promise<string[]> {
  const names: string[] = [];
  for (let page = 1; ; page++) {
    let repos: { full_name: string }[];
    try {
      repos = (await api('GET', `/user/repos?limit=50&page=${page}`)) as { full_name: string }[];
    } catch (error) {
      throw new TimelineError(
        'GitHook',
        `cannot list the user's repositories to watch (${messageOf(error)}); pass git.repos to name them`,
        { cause: error },
      );
    }
    names.push(...repos.map((r) => r.full_name));
    if (repos.length < 50) return names;
  }
}
