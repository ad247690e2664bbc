import { rfc3339 } from '../../clock/index.ts';
import { hashPassword, hashToken, newToken } from '../auth/credentials.ts';
import type { UserRecord } from '../state/model.ts';
import { toApiOrg, toApiUser } from './convert.ts';
import { optionalString, optionalStrings, requiredString, validName } from './fields.ts';
import { ApiError, forbidden, notFound, sendJson, sendNoContent, unauthorized, unprocessable } from './respond.ts';
import type { ApiRequest, Route } from './router.ts';

function requireAdmin(request: ApiRequest): UserRecord {
  const user = request.requireUser();
  if (!user.isAdmin) throw forbidden('user should be the site admin');
  return user;
}

function assertLoginFree(request: ApiRequest, login: string): void {
  if (request.context.access.user(login)) throw unprocessable(`user already exists [name: ${login}]`);
}

async function createUser(request: ApiRequest): Promise<void> {
  requireAdmin(request);
  const body = await request.body();
  const login = validName(requiredString(body, 'username', 'UserName'), 'UserName');
  const email = requiredString(body, 'email');
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw unprocessable('[Email]: Email');
  const password = optionalString(body, 'password') ?? '';
  if (!password) throw new ApiError(400, 'password is required');
  assertLoginFree(request, login);
  if (request.context.access.userByEmail(email)) throw unprocessable(`e-mail already in use [email: ${email}]`);
  const visibility = optionalString(body, 'visibility') ?? 'public';
  if (!['public', 'limited', 'private'].includes(visibility)) throw unprocessable('[Visibility]: In');
  const passwordHash = await hashPassword(password);
  const { context } = request;
  const user = await context.store.update((state) => {
    const record: UserRecord = {
      id: state.nextId.user++,
      login,
      email,
      fullName: optionalString(body, 'full_name') ?? '',
      type: 'user',
      isAdmin: false,
      passwordHash,
      owners: [],
      visibility: visibility as UserRecord['visibility'],
      description: '',
      created: rfc3339(context.clock),
    };
    state.users.push(record);
    return record;
  });
  sendJson(request.response, 201, toApiUser(user, context.baseUrl));
}

/** Token endpoints need basic auth with a password, as Gitea's reqBasicOrRevProxyAuth does. */
function tokenOwner(request: ApiRequest): UserRecord {
  const { caller, context, params } = request;
  if (caller.kind !== 'user' || caller.via !== 'password') throw unauthorized('auth required');
  const target = context.access.user(params.username ?? '');
  if (target?.type !== 'user') throw notFound(context.baseUrl);
  if (target.id !== caller.user.id && !caller.user.isAdmin) {
    throw forbidden('doer should be the site admin or the same user');
  }
  return target;
}

async function createToken(request: ApiRequest): Promise<void> {
  const owner = tokenOwner(request);
  const body = await request.body();
  const name = requiredString(body, 'name');
  const scopes = optionalStrings(body, 'scopes') ?? [];
  const { context } = request;
  if (context.store.state.tokens.some((t) => t.userId === owner.id && t.name === name)) {
    throw new ApiError(400, 'access token name has been used already');
  }
  const token = newToken();
  const record = await context.store.update((state) => {
    const created = {
      id: state.nextId.token++,
      userId: owner.id,
      name,
      hash: hashToken(token),
      lastEight: token.slice(-8),
      scopes,
    };
    state.tokens.push(created);
    return created;
  });
  sendJson(request.response, 201, {
    id: record.id,
    name,
    sha1: token,
    token_last_eight: record.lastEight,
    scopes,
  });
}

async function listTokens(request: ApiRequest): Promise<void> {
  const owner = tokenOwner(request);
  const tokens = request.context.store.state.tokens.filter((t) => t.userId === owner.id);
  sendJson(
    request.response,
    200,
    tokens.map((t) => ({ id: t.id, name: t.name, sha1: '', token_last_eight: t.lastEight, scopes: t.scopes })),
  );
}

async function deleteToken(request: ApiRequest): Promise<void> {
  const owner = tokenOwner(request);
  const key = request.params.token ?? '';
  const { context } = request;
  const record = context.store.state.tokens.find(
    (t) => t.userId === owner.id && (String(t.id) === key || t.name === key),
  );
  if (!record) throw notFound(context.baseUrl);
  await context.store.update((state) => {
    state.tokens = state.tokens.filter((t) => t.id !== record.id);
  });
  sendNoContent(request.response);
}

async function createOrg(request: ApiRequest): Promise<void> {
  const user = request.requireUser();
  const body = await request.body();
  const login = validName(requiredString(body, 'username', 'UserName'), 'UserName');
  const visibility = optionalString(body, 'visibility') ?? 'public';
  if (!['public', 'limited', 'private'].includes(visibility)) throw unprocessable('[Visibility]: In');
  assertLoginFree(request, login);
  const { context } = request;
  const org = await context.store.update((state) => {
    const record: UserRecord = {
      id: state.nextId.user++,
      login,
      email: optionalString(body, 'email') ?? '',
      fullName: optionalString(body, 'full_name') ?? '',
      type: 'org',
      isAdmin: false,
      passwordHash: '',
      owners: [user.id],
      visibility: visibility as UserRecord['visibility'],
      description: optionalString(body, 'description') ?? '',
      created: rfc3339(context.clock),
    };
    state.users.push(record);
    return record;
  });
  sendJson(request.response, 201, toApiOrg(org, context.baseUrl));
}

async function getOrg(request: ApiRequest): Promise<void> {
  const { context } = request;
  const org = context.access.user(request.params.org ?? '');
  if (org?.type !== 'org') throw notFound(context.baseUrl);
  sendJson(request.response, 200, toApiOrg(org, context.baseUrl));
}

async function getUser(request: ApiRequest): Promise<void> {
  const { context } = request;
  const user = context.access.user(request.params.username ?? '');
  if (user?.type !== 'user') throw notFound(context.baseUrl);
  sendJson(request.response, 200, toApiUser(user, context.baseUrl));
}

async function currentUser(request: ApiRequest): Promise<void> {
  sendJson(request.response, 200, toApiUser(request.requireUser(), request.context.baseUrl));
}

export const userRoutes: Route[] = [
  ['POST', '/admin/users', createUser],
  ['GET', '/user', currentUser],
  ['GET', '/users/:username', getUser],
  ['POST', '/users/:username/tokens', createToken],
  ['GET', '/users/:username/tokens', listTokens],
  ['DELETE', '/users/:username/tokens/:token', deleteToken],
  ['POST', '/orgs', createOrg],
  ['GET', '/orgs/:org', getOrg],
];
