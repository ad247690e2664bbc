import type { RepoRecord, UserRecord } from './state/model.ts';
import type { StateStore } from './state/store.ts';

/** Who may see and change what, following Gitea's defaults (owners and org owners write; admins do anything). */
export class Access {
  readonly #store: StateStore;

  constructor(store: StateStore) {
    this.#store = store;
  }

  user(login: string): UserRecord | undefined {
    const lower = login.toLowerCase();
    return this.#store.state.users.find((u) => u.login.toLowerCase() === lower);
  }

  userById(id: number): UserRecord | undefined {
    return this.#store.state.users.find((u) => u.id === id);
  }

  userByEmail(email: string): UserRecord | undefined {
    const lower = email.toLowerCase();
    return this.#store.state.users.find((u) => u.type === 'user' && u.email.toLowerCase() === lower);
  }

  repo(owner: string, name: string): { repo: RepoRecord; owner: UserRecord } | undefined {
    const ownerRecord = this.user(owner);
    if (!ownerRecord) return undefined;
    const lower = name.toLowerCase();
    const repo = this.#store.state.repos.find((r) => r.ownerId === ownerRecord.id && r.name.toLowerCase() === lower);
    return repo ? { repo, owner: ownerRecord } : undefined;
  }

  canWrite(user: UserRecord | undefined, repo: RepoRecord): boolean {
    if (!user) return false;
    if (user.isAdmin || repo.ownerId === user.id) return true;
    return this.userById(repo.ownerId)?.owners.includes(user.id) ?? false;
  }

  canRead(user: UserRecord | undefined, repo: RepoRecord): boolean {
    if (this.canWrite(user, repo)) return true;
    if (repo.private) return false;
    const owner = this.userById(repo.ownerId);
    return owner?.visibility === 'public' || (owner?.visibility === 'limited' && user !== undefined);
  }

  /** May `user` create repositories under `owner`? */
  canCreateIn(user: UserRecord, owner: UserRecord): boolean {
    return user.isAdmin || user.id === owner.id || owner.owners.includes(user.id);
  }
}
