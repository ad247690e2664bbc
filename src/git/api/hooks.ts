import { rfc3339 } from '../../clock/index.ts';
import { toPushCommit } from '../repo/push.ts';
import { readCommits, resolveCommit } from '../repo/read.ts';
import type { HookRecord } from '../state/model.ts';
import { toApiHook } from './convert.ts';
import { optionalBoolean, optionalRecord, optionalString, optionalStrings, pageHeaders, pagination } from './fields.ts';
import { ApiError, notFound, sendJson, sendNoContent, unprocessable } from './respond.ts';
import type { ApiRequest, Route } from './router.ts';
import { type RepoScope, repoScope } from './scope.ts';

const HOOK_TYPES = [
  'dingtalk',
  'discord',
  'gitea',
  'gogs',
  'msteams',
  'slack',
  'telegram',
  'feishu',
  'wechatwork',
  'packagist',
  'matrix',
];

function checkConfig(config: Record<string, string>): void {
  if (!/^(json|form)$/.test(config.content_type ?? '')) throw unprocessable('Invalid content type');
  const url = config.url ?? '';
  try {
    const parsed = new URL(url);
    if (!['http:', 'https:'].includes(parsed.protocol)) throw new Error('scheme');
  } catch {
    throw unprocessable('Invalid url');
  }
  const method = (config.http_method ?? 'post').toLowerCase();
  if (!['post', 'get', 'put'].includes(method)) throw unprocessable('Invalid http method');
}

function findHook(request: ApiRequest, scope: RepoScope): HookRecord {
  const id = Number(request.params.id);
  const hook = request.context.store.state.hooks.find((h) => h.id === id && h.repoId === scope.repo.id);
  if (!hook) throw notFound(request.context.baseUrl, `webhook does not exist [id: ${request.params.id}]`);
  return hook;
}

async function createHook(request: ApiRequest): Promise<void> {
  const scope = repoScope(request, 'write');
  const body = await request.body();
  const type = optionalString(body, 'type');
  if (!type) throw unprocessable('[Type]: Required');
  if (!HOOK_TYPES.includes(type)) throw new ApiError(404, 'Invalid hook type');
  const config = optionalRecord(body, 'config');
  if (!config) throw unprocessable('[Config]: Required');
  for (const name of ['url', 'content_type']) {
    if (!(name in config)) throw unprocessable(`Missing config option: ${name}`);
  }
  checkConfig(config);
  const { context } = request;
  const now = rfc3339(context.clock);
  const events = optionalStrings(body, 'events');
  const hook = await context.store.update((state) => {
    const record: HookRecord = {
      id: state.nextId.hook++,
      repoId: scope.repo.id,
      type,
      url: config.url!,
      contentType: config.content_type as HookRecord['contentType'],
      httpMethod: (config.http_method || 'post').toLowerCase(),
      secret: config.secret ?? '',
      events: events && events.length > 0 ? events : ['push'],
      // Gitea creates hooks inactive unless asked otherwise.
      active: optionalBoolean(body, 'active') ?? false,
      branchFilter: optionalString(body, 'branch_filter') || '*',
      authorizationHeader: optionalString(body, 'authorization_header') ?? '',
      created: now,
      updated: now,
    };
    state.hooks.push(record);
    return record;
  });
  sendJson(request.response, 201, toApiHook(hook));
}

async function listHooks(request: ApiRequest): Promise<void> {
  const scope = repoScope(request, 'write');
  const { page, limit } = pagination(request.url);
  const all = request.context.store.state.hooks.filter((h) => h.repoId === scope.repo.id);
  const slice = all.slice((page - 1) * limit, page * limit);
  sendJson(request.response, 200, slice.map(toApiHook), pageHeaders(request.url, page, limit, all.length));
}

async function getHook(request: ApiRequest): Promise<void> {
  const scope = repoScope(request, 'write');
  sendJson(request.response, 200, toApiHook(findHook(request, scope)));
}

async function editHook(request: ApiRequest): Promise<void> {
  const scope = repoScope(request, 'write');
  const hook = findHook(request, scope);
  const body = await request.body();
  const config = optionalRecord(body, 'config');
  if (config) {
    checkConfig({ url: hook.url, content_type: hook.contentType, http_method: hook.httpMethod, ...config });
  }
  const events = optionalStrings(body, 'events');
  const active = optionalBoolean(body, 'active');
  const branchFilter = optionalString(body, 'branch_filter');
  const authorization = optionalString(body, 'authorization_header');
  const { context } = request;
  await context.store.update(() => {
    if (config?.url) hook.url = config.url;
    if (config?.content_type) hook.contentType = config.content_type as HookRecord['contentType'];
    if (config?.http_method) hook.httpMethod = config.http_method.toLowerCase();
    if (config && 'secret' in config) hook.secret = config.secret ?? '';
    if (events && events.length > 0) hook.events = events;
    if (active !== undefined) hook.active = active;
    if (branchFilter !== undefined) hook.branchFilter = branchFilter || '*';
    if (authorization !== undefined) hook.authorizationHeader = authorization;
    hook.updated = rfc3339(context.clock);
  });
  sendJson(request.response, 200, toApiHook(hook));
}

async function deleteHook(request: ApiRequest): Promise<void> {
  const scope = repoScope(request, 'write');
  const hook = findHook(request, scope);
  await request.context.store.update((state) => {
    state.hooks = state.hooks.filter((h) => h.id !== hook.id);
  });
  sendNoContent(request.response);
}

/** Sends a `push` delivery for the last commit of the default branch (or `?ref=`), as Gitea's test button does. */
async function testHook(request: ApiRequest): Promise<void> {
  const scope = repoScope(request, 'write');
  const hook = findHook(request, scope);
  const { context } = request;
  const branch = request.url.searchParams.get('ref') || scope.repo.defaultBranch;
  const sha = await resolveCommit(scope.gitDir, `refs/heads/${branch}`, context.signal);
  if (!sha) throw notFound(context.baseUrl, `branch does not exist [name: ${branch}]`);
  const [commit] = await readCommits(scope.gitDir, { revs: [sha], noWalk: true, signal: context.signal });
  const commits = commit ? [toPushCommit(commit)] : [];
  await context.pushes.deliverTo(
    hook.id,
    scope.repo,
    {
      repo: scope.fullName,
      ref: `refs/heads/${branch}`,
      before: sha,
      after: sha,
      commits,
      totalCommits: commits.length,
      pusher: request.requireUser().login,
      time: context.clock.now(),
      source: 'api',
    },
    request.requireUser(),
  );
  sendNoContent(request.response);
}

export const hookRoutes: Route[] = [
  ['GET', '/repos/:owner/:repo/hooks', listHooks],
  ['POST', '/repos/:owner/:repo/hooks', createHook],
  ['GET', '/repos/:owner/:repo/hooks/:id', getHook],
  ['PATCH', '/repos/:owner/:repo/hooks/:id', editHook],
  ['DELETE', '/repos/:owner/:repo/hooks/:id', deleteHook],
  ['POST', '/repos/:owner/:repo/hooks/:id/tests', testHook],
];
