import type { CommitInfo } from '../repo/read.ts';
import type { HookRecord, RepoRecord, UserRecord } from '../state/model.ts';
import type { PushCommit } from '../types.ts';

/** Converters to Gitea's JSON shapes (modules/structs), so gitea-js and webhook receivers see what Gitea sends. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

export function toApiUser(user: UserRecord, baseUrl: string): { [key: string]: Json } {
  return {
    id: user.id,
    login: user.login,
    login_name: '',
    source_id: 0,
    full_name: user.fullName,
    email: user.email,
    avatar_url: `${baseUrl}/avatars/${user.id}`,
    html_url: `${baseUrl}/${user.login}`,
    language: '',
    is_admin: user.isAdmin,
    last_login: user.created,
    created: user.created,
    restricted: false,
    active: true,
    prohibit_login: false,
    location: '',
    website: '',
    description: user.description,
    visibility: user.visibility,
    followers_count: 0,
    following_count: 0,
    starred_repos_count: 0,
    // Gitea adds the Gogs-era field when marshalling users.
    username: user.login,
  };
}

export function toApiOrg(org: UserRecord, baseUrl: string): { [key: string]: Json } {
  return {
    id: org.id,
    name: org.login,
    full_name: org.fullName,
    email: org.email,
    avatar_url: `${baseUrl}/avatars/${org.id}`,
    description: org.description,
    website: '',
    location: '',
    visibility: org.visibility,
    repo_admin_change_team_access: false,
    username: org.login,
  };
}

export function toApiRepo(options: {
  repo: RepoRecord;
  owner: UserRecord;
  baseUrl: string;
  empty: boolean;
  permissions: { admin: boolean; push: boolean; pull: boolean };
}): { [key: string]: Json } {
  const { repo, owner, baseUrl } = options;
  const fullName = `${owner.login}/${repo.name}`;
  const html = `${baseUrl}/${fullName}`;
  const host = new URL(baseUrl).hostname;
  return {
    id: repo.id,
    owner: toApiUser(owner, baseUrl),
    name: repo.name,
    full_name: fullName,
    description: repo.description,
    empty: options.empty,
    private: repo.private,
    fork: false,
    template: false,
    parent: null,
    mirror: false,
    size: 0,
    language: '',
    languages_url: `${baseUrl}/api/v1/repos/${fullName}/languages`,
    html_url: html,
    url: `${baseUrl}/api/v1/repos/${fullName}`,
    link: '',
    ssh_url: `git@${host}:${fullName}.git`,
    clone_url: `${html}.git`,
    original_url: '',
    website: '',
    stars_count: 0,
    forks_count: 0,
    watchers_count: 0,
    open_issues_count: 0,
    open_pr_counter: 0,
    release_counter: 0,
    default_branch: repo.defaultBranch,
    archived: false,
    created_at: repo.created,
    updated_at: repo.updated,
    archived_at: '1970-01-01T00:00:00Z',
    permissions: options.permissions,
    has_issues: true,
    internal_tracker: {
      enable_time_tracker: true,
      allow_only_contributors_to_track_time: true,
      enable_issue_dependencies: true,
    },
    has_wiki: true,
    has_pull_requests: true,
    has_projects: true,
    has_releases: true,
    has_packages: true,
    has_actions: true,
    ignore_whitespace_conflicts: false,
    allow_merge_commits: true,
    allow_rebase: true,
    allow_rebase_explicit: true,
    allow_squash_merge: true,
    allow_fast_forward_only_merge: true,
    allow_rebase_update: true,
    default_delete_branch_after_merge: false,
    default_merge_style: 'merge',
    default_allow_maintainer_edit: false,
    avatar_url: '',
    internal: false,
    mirror_interval: '',
    object_format_name: 'sha1',
    mirror_updated: '0001-01-01T00:00:00Z',
    repo_transfer: null,
    topics: [],
    licenses: [],
  };
}

export function toApiHook(hook: HookRecord): { [key: string]: Json } {
  return {
    id: hook.id,
    type: hook.type,
    branch_filter: hook.branchFilter,
    config: { url: hook.url, content_type: hook.contentType, http_method: hook.httpMethod },
    events: hook.events,
    authorization_header: '',
    active: hook.active,
    updated_at: hook.updated,
    created_at: hook.created,
  };
}

/** A commit inside a push payload (PayloadCommit). */
export function toPayloadCommit(
  commit: PushCommit,
  repoHtmlUrl: string,
  usernameOf: (email: string) => string,
): { [key: string]: Json } {
  return {
    id: commit.id,
    message: commit.message,
    url: `${repoHtmlUrl}/commit/${commit.id}`,
    author: { name: commit.author.name, email: commit.author.email, username: usernameOf(commit.author.email) },
    committer: {
      name: commit.committer.name,
      email: commit.committer.email,
      username: usernameOf(commit.committer.email),
    },
    verification: null,
    timestamp: commit.committer.date,
    added: commit.added,
    removed: commit.removed,
    modified: commit.modified,
  };
}

const NOT_SIGNED = { verified: false, reason: 'gpg.error.not_signed_commit', signature: '', signer: null, payload: '' };

/** A commit as `GET /repos/{o}/{r}/commits` returns it (Commit). */
export function toApiCommit(options: {
  commit: CommitInfo;
  apiRepoUrl: string;
  htmlRepoUrl: string;
  userOf: (email: string) => { [key: string]: Json } | null;
  stats?: { additions: number; deletions: number };
  files: boolean;
}): { [key: string]: Json } {
  const { commit, apiRepoUrl, htmlRepoUrl } = options;
  const result: { [key: string]: Json } = {
    url: `${apiRepoUrl}/git/commits/${commit.sha}`,
    sha: commit.sha,
    created: commit.committer.date,
    html_url: `${htmlRepoUrl}/commit/${commit.sha}`,
    commit: {
      url: `${apiRepoUrl}/git/commits/${commit.sha}`,
      author: commit.author,
      committer: commit.committer,
      message: commit.message,
      tree: { url: `${apiRepoUrl}/git/trees/${commit.tree}`, sha: commit.tree, created: commit.committer.date },
      verification: NOT_SIGNED,
    },
    author: options.userOf(commit.author.email),
    committer: options.userOf(commit.committer.email),
    parents: commit.parents.map((sha) => ({ url: `${apiRepoUrl}/git/commits/${sha}`, sha })),
  };
  if (options.files) result.files = commit.files.map((f) => ({ filename: f.path, status: f.status }));
  if (options.stats) {
    result.stats = {
      total: options.stats.additions + options.stats.deletions,
      additions: options.stats.additions,
      deletions: options.stats.deletions,
    };
  }
  return result;
}

/** The `commit` of a FileResponse (FileCommitResponse). */
export function toFileCommit(commit: CommitInfo, apiRepoUrl: string, htmlRepoUrl: string): { [key: string]: Json } {
  return {
    url: `${apiRepoUrl}/git/commits/${commit.sha}`,
    sha: commit.sha,
    created: commit.committer.date,
    html_url: `${htmlRepoUrl}/commit/${commit.sha}`,
    author: commit.author,
    committer: commit.committer,
    parents: commit.parents.map((sha) => ({
      url: `${apiRepoUrl}/git/commits/${sha}`,
      sha,
      created: commit.committer.date,
    })),
    message: commit.message,
    tree: { url: `${apiRepoUrl}/git/trees/${commit.tree}`, sha: commit.tree, created: commit.committer.date },
  };
}
