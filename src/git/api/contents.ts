import {
  lastCommitOf,
  listDirectory,
  readBlob,
  readCommits,
  readEntry,
  resolveCommit,
  type TreeEntry,
} from '../repo/read.ts';
import { commitFiles, type FileChange, type Signature } from '../repo/write.ts';
import type { UserRecord } from '../state/model.ts';
import { type Json, toFileCommit } from './convert.ts';
import { optionalObject, optionalString, requiredString } from './fields.ts';
import { notFound, sendJson, unprocessable } from './respond.ts';
import type { ApiRequest, Route } from './router.ts';
import { type RepoScope, repoScope } from './scope.ts';

const NOT_SIGNED = { verified: false, reason: 'gpg.error.not_signed_commit', signature: '', signer: null, payload: '' };

/** Resolves `?ref=` (branch, tag or commit; the default branch when absent) to a commit and its display name. */
async function resolveRef(request: ApiRequest, scope: RepoScope): Promise<{ commit: string; ref: string }> {
  const ref = request.url.searchParams.get('ref') || scope.repo.defaultBranch;
  const { signal, baseUrl } = request.context;
  const commit =
    (await resolveCommit(scope.gitDir, `refs/heads/${ref}`, signal)) ??
    (await resolveCommit(scope.gitDir, `refs/tags/${ref}`, signal)) ??
    (/^[0-9a-f]{4,40}$/.test(ref) ? await resolveCommit(scope.gitDir, ref, signal) : undefined);
  if (!commit) throw notFound(baseUrl, `object does not exist [id: ${ref}, rel_path: ]`);
  return { commit, ref };
}

const TYPES: Record<TreeEntry['type'], string> = { blob: 'file', tree: 'dir', commit: 'submodule' };

/** One entry in Gitea's ContentsResponse shape; `content` only for single files. */
async function contentsJson(options: {
  scope: RepoScope;
  entry: TreeEntry;
  ref: string;
  commit: string;
  withContent: boolean;
  signal: AbortSignal;
}): Promise<{ [key: string]: Json }> {
  const { scope, entry, ref } = options;
  const type = entry.mode === '120000' ? 'symlink' : TYPES[entry.type];
  const query = `?ref=${encodeURIComponent(ref)}`;
  const self = `${scope.apiUrl}/contents/${entry.path}${query}`;
  const git = `${scope.apiUrl}/git/${entry.type === 'tree' ? 'trees' : 'blobs'}/${entry.sha}`;
  const html = `${scope.htmlUrl}/src/branch/${ref}/${entry.path}`;
  const blob =
    options.withContent && entry.type === 'blob' ? await readBlob(scope.gitDir, entry.sha, options.signal) : undefined;
  return {
    name: entry.path.split('/').pop() ?? entry.path,
    path: entry.path,
    sha: entry.sha,
    last_commit_sha: await lastCommitOf(scope.gitDir, options.commit, entry.path, options.signal),
    type,
    size: entry.size,
    encoding: blob && type === 'file' ? 'base64' : null,
    content: blob && type === 'file' ? blob.toString('base64') : null,
    target: blob && type === 'symlink' ? blob.toString('utf8') : null,
    url: self,
    html_url: html,
    git_url: git,
    download_url: entry.type === 'blob' ? `${scope.htmlUrl}/raw/branch/${ref}/${entry.path}` : null,
    submodule_git_url: null,
    _links: { self, git, html },
  };
}

async function getContents(request: ApiRequest): Promise<void> {
  const scope = repoScope(request, 'read');
  const { signal, baseUrl } = request.context;
  const { commit, ref } = await resolveRef(request, scope);
  const path = (request.params.filepath ?? '').replace(/^\/+|\/+$/g, '');
  const listing = await listDirectory(scope.gitDir, commit, path, signal);
  if (listing) {
    const entries = await Promise.all(
      listing.map((entry) => contentsJson({ scope, entry, ref, commit, withContent: false, signal })),
    );
    sendJson(request.response, 200, entries);
    return;
  }
  const entry = await readEntry(scope.gitDir, commit, path, signal);
  if (!entry) throw notFound(baseUrl, `object does not exist [id: , rel_path: ${path}]`);
  sendJson(request.response, 200, await contentsJson({ scope, entry, ref, commit, withContent: true, signal }));
}

function identity(value: { [key: string]: Json | undefined } | undefined): { name: string; email: string } | undefined {
  if (!value) return undefined;
  const name = typeof value.name === 'string' ? value.name : '';
  const email = typeof value.email === 'string' ? value.email : '';
  return name || email ? { name, email } : undefined;
}

/** Author and committer as Gitea picks them: either given one for both, else the authenticated user. */
function signatures(
  body: { [key: string]: Json | undefined },
  doer: UserRecord,
  now: string,
): { author: Signature; committer: Signature } {
  const given = {
    author: identity(optionalObject(body, 'author')),
    committer: identity(optionalObject(body, 'committer')),
  };
  const fallback = { name: doer.fullName || doer.login, email: doer.email };
  const author = given.author ?? given.committer ?? fallback;
  const committer = given.committer ?? given.author ?? fallback;
  const dates = optionalObject(body, 'dates');
  const date = (key: string) => {
    const value = dates?.[key];
    if (typeof value !== 'string' || value === '') return now;
    if (Number.isNaN(Date.parse(value))) throw unprocessable(`[Dates]: invalid ${key} date`);
    return value;
  };
  return {
    author: { name: author.name || fallback.name, email: author.email || fallback.email, date: date('author') },
    committer: {
      name: committer.name || fallback.name,
      email: committer.email || fallback.email,
      date: date('committer'),
    },
  };
}

async function changeFile(request: ApiRequest, operation: FileChange['operation']): Promise<void> {
  const scope = repoScope(request, 'write');
  const doer = request.requireUser();
  const { context } = request;
  const body = await request.body();
  const path = (request.params.filepath ?? '').replace(/^\/+/, '');
  let change: FileChange;
  if (operation === 'delete') {
    change = { operation, path, sha: requiredString(body, 'sha', 'SHA') };
  } else {
    const encoded = typeof body.content === 'string' ? body.content : '';
    if (!/^[A-Za-z0-9+/=\s]*$/.test(encoded)) throw unprocessable('illegal base64 data');
    const content = Buffer.from(encoded, 'base64');
    change =
      operation === 'create'
        ? { operation, path, content }
        : {
            operation,
            path,
            content,
            sha: requiredString(body, 'sha', 'SHA'),
            ...(optionalString(body, 'from_path') && { fromPath: optionalString(body, 'from_path')! }),
          };
  }
  const verb = { create: 'Add', update: 'Update', delete: 'Delete' }[operation];
  const message = optionalString(body, 'message') || `${verb} ${path}`;
  const branch = optionalString(body, 'branch') || scope.repo.defaultBranch;
  const newBranch = optionalString(body, 'new_branch') || undefined;
  const { author, committer } = signatures(body, doer, new Date(context.clock.now()).toISOString());
  const result = await commitFiles({
    gitDir: scope.gitDir,
    branch,
    ...(newBranch && newBranch !== branch && { newBranch }),
    changes: [change],
    message,
    author,
    committer,
    signal: context.signal,
  });
  await context.pushes.publish({
    repo: scope.repo,
    updates: [{ ref: `refs/heads/${result.branch}`, before: result.before, after: result.sha }],
    pusher: doer,
    source: 'api',
  });
  const [commit] = await readCommits(scope.gitDir, { revs: [result.sha], noWalk: true, signal: context.signal });
  const fileCommit = commit ? toFileCommit(commit, scope.apiUrl, scope.htmlUrl) : null;
  if (operation === 'delete') {
    sendJson(request.response, 200, { content: null, commit: fileCommit, verification: NOT_SIGNED });
    return;
  }
  const entry = await readEntry(scope.gitDir, result.sha, path, context.signal);
  const content = entry
    ? await contentsJson({
        scope,
        entry,
        ref: result.branch,
        commit: result.sha,
        withContent: true,
        signal: context.signal,
      })
    : null;
  sendJson(request.response, operation === 'create' ? 201 : 200, {
    content,
    commit: fileCommit,
    verification: NOT_SIGNED,
  });
}

export const contentRoutes: Route[] = [
  ['GET', '/repos/:owner/:repo/contents', getContents],
  ['GET', '/repos/:owner/:repo/contents/*', getContents],
  ['POST', '/repos/:owner/:repo/contents/*', (request) => changeFile(request, 'create')],
  ['PUT', '/repos/:owner/:repo/contents/*', (request) => changeFile(request, 'update')],
  ['DELETE', '/repos/:owner/:repo/contents/*', (request) => changeFile(request, 'delete')],
];
