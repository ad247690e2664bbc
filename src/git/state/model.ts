/** What the git server keeps besides the bare repositories: one JSON document. */
export interface UserRecord {
  id: number;
  login: string;
  email: string;
  fullName: string;
  type: 'user' | 'org';
  isAdmin: boolean;
  /** `scrypt$<salt hex>$<hash hex>`; empty for organizations. */
  passwordHash: string;
  /** For organizations: the ids of their owners. */
  owners: number[];
  visibility: 'public' | 'limited' | 'private';
  description: string;
  created: string;
}

export interface TokenRecord {
  id: number;
  userId: number;
  name: string;
  /** sha256 of the token; the token itself is shown once, at creation. */
  hash: string;
  lastEight: string;
  scopes: string[];
}

export interface RepoRecord {
  id: number;
  ownerId: number;
  name: string;
  description: string;
  private: boolean;
  defaultBranch: string;
  created: string;
  updated: string;
}

export interface HookRecord {
  id: number;
  repoId: number;
  type: string;
  url: string;
  contentType: 'json' | 'form';
  httpMethod: string;
  secret: string;
  events: string[];
  active: boolean;
  branchFilter: string;
  authorizationHeader: string;
  created: string;
  updated: string;
}

export interface GitServerState {
  version: 1;
  nextId: { user: number; token: number; repo: number; hook: number };
  users: UserRecord[];
  tokens: TokenRecord[];
  repos: RepoRecord[];
  hooks: HookRecord[];
}

export function emptyState(): GitServerState {
  return { version: 1, nextId: { user: 1, token: 1, repo: 1, hook: 1 }, users: [], tokens: [], repos: [], hooks: [] };
}
