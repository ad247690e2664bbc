import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { messageOf } from '../../errors.ts';
import type { ServerContext } from '../context.ts';
import { repoGitDir } from '../repo/paths.ts';
import type { RepoRecord, UserRecord } from '../state/model.ts';
import { runHttpBackend } from './cgi.ts';
import { newPushLogPath, PUSH_LOG_ENV, takePushLog } from './push-log.ts';

/** `/{owner}/{repo}[.git]/{git path}` — the URLs git smart (and dumb) HTTP uses. */
const GIT_PATH = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack|HEAD|objects\/.+)$/;

export function matchGitPath(pathname: string): { owner: string; repo: string; rest: string } | undefined {
  const match = GIT_PATH.exec(pathname);
  if (!match) return undefined;
  return { owner: decodeURIComponent(match[1]!), repo: decodeURIComponent(match[2]!), rest: match[3]! };
}

function plain(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  response.end(`${text}\n`);
}

/**
 * Serves one git HTTP request with Gitea's access rules (anonymous read of public repositories, authenticated push,
 * 401/403/404 as Gitea answers), then hands it to `git http-backend` and publishes the refs a push updated.
 */
export async function serveGit(
  context: ServerContext & { hooksDir: string },
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  target: { owner: string; repo: string; rest: string },
): Promise<void> {
  const service =
    target.rest === 'info/refs' ? url.searchParams.get('service') : target.rest.startsWith('git-') ? target.rest : null;
  if (service !== null && service !== 'git-upload-pack' && service !== 'git-receive-pack') {
    return plain(response, 400, 'Unsupported service');
  }
  const receivePack = service === 'git-receive-pack';
  const owner = context.access.user(target.owner);
  if (!owner) return plain(response, 404, 'Repository not found');
  const found = context.access.repo(target.owner, target.repo);
  const publicPull = found !== undefined && !receivePack && context.access.canRead(undefined, found.repo);

  const caller = await context.auth.authenticate(request, url);
  const askAuth = { 'WWW-Authenticate': 'Basic realm="Gitea"' };
  if (caller.kind === 'invalid') return plain(response, 401, 'invalid credentials', askAuth);
  const user = caller.kind === 'user' ? caller.user : undefined;
  if (!publicPull) {
    if (!user) return plain(response, 401, 'Unauthorized', askAuth);
    if (found) {
      const allowed = receivePack
        ? context.access.canWrite(user, found.repo)
        : context.access.canRead(user, found.repo);
      if (!allowed) return plain(response, 404, 'Repository not found');
    }
  }
  if (!found) {
    if (!receivePack) return plain(response, 404, 'Repository not found');
    const kind = owner.type === 'org' ? 'organizations' : 'users';
    return plain(response, 403, `Push to create is not enabled for ${kind}.`);
  }

  const gitDir = repoGitDir(context.dataDir, owner.login, found.repo.name);
  const pushLog = receivePack && request.method === 'POST' ? newPushLogPath(context.dataDir) : undefined;
  await runHttpBackend({
    request,
    response,
    projectRoot: join(context.dataDir, 'repos'),
    pathInfo: gitDir.slice(join(context.dataDir, 'repos').length) + '/' + target.rest,
    query: url.search.slice(1),
    ...(user && { remoteUser: user.login }),
    config: {
      'core.hooksPath': context.hooksDir,
      'http.receivepack': user && context.access.canWrite(user, found.repo) ? 'true' : 'false',
      'uploadpack.allowFilter': 'true',
    },
    env: pushLog ? { [PUSH_LOG_ENV]: pushLog } : {},
    signal: context.signal,
    ...(pushLog &&
      user && { beforeEnd: () => publishPush(context, pushLog, found.repo, user, `${target.owner}/${target.repo}`) }),
  });
}

async function publishPush(
  context: ServerContext,
  pushLog: string,
  repo: RepoRecord,
  pusher: UserRecord,
  name: string,
): Promise<void> {
  const updates = await takePushLog(pushLog);
  try {
    await context.pushes.publish({ repo, updates, pusher, source: 'git' });
  } catch (error) {
    if (!context.signal.aborted) process.emitWarning(`push to ${name}: ${messageOf(error)}`);
  }
}
