import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { UserRecord } from '../state/model.ts';
import type { StateStore } from '../state/store.ts';
import { hashToken, verifyPassword } from './credentials.ts';

/** Who made a request: nobody, a user (and how), or someone whose credentials were wrong. */
export type Caller =
  | { kind: 'anonymous' }
  | { kind: 'user'; user: UserRecord; via: 'password' | 'token' }
  | { kind: 'invalid' };

/**
 * Resolves the caller the way Gitea does: `Authorization: token X`, `Bearer X`, basic auth with a password or with a
 * token as username or password, or `?token=` / `?access_token=`.
 */
export class Authenticator {
  readonly #store: StateStore;
  /** sha256 of verified `login:password` pairs, so git's several requests per clone cost one scrypt. */
  readonly #verified = new Map<string, number>();

  constructor(store: StateStore) {
    this.#store = store;
  }

  async authenticate(request: IncomingMessage, url: URL): Promise<Caller> {
    const header = request.headers.authorization;
    const queryToken = url.searchParams.get('token') ?? url.searchParams.get('access_token');
    if (!header) return queryToken ? this.#byToken(queryToken) : { kind: 'anonymous' };
    const space = header.indexOf(' ');
    const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
    const value = space < 0 ? '' : header.slice(space + 1).trim();
    if (scheme === 'token' || scheme === 'bearer') return this.#byToken(value);
    if (scheme !== 'basic') return { kind: 'invalid' };
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const login = colon < 0 ? decoded : decoded.slice(0, colon);
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    return this.#byBasic(login, password);
  }

  /** Forgets cached password checks (after a password change). */
  forget(): void {
    this.#verified.clear();
  }

  #byToken(token: string): Caller {
    const hash = hashToken(token);
    const record = this.#store.state.tokens.find((t) => t.hash === hash);
    const user = record && this.#store.state.users.find((u) => u.id === record.userId);
    return user ? { kind: 'user', user, via: 'token' } : { kind: 'invalid' };
  }

  async #byBasic(login: string, password: string): Promise<Caller> {
    const user = this.#store.state.users.find(
      (u) => u.type === 'user' && u.login.toLowerCase() === login.toLowerCase(),
    );
    if (user && password) {
      const key = createHash('sha256').update(`${user.id}:${user.passwordHash}:${password}`).digest('hex');
      if (this.#verified.get(key) === user.id || (await verifyPassword(password, user.passwordHash))) {
        this.#verified.set(key, user.id);
        return { kind: 'user', user, via: 'password' };
      }
    }
    // Gitea accepts a token in either field (`git clone https://TOKEN@host/…` or `user:TOKEN`).
    const byPassword = password ? this.#byToken(password) : { kind: 'invalid' as const };
    if (byPassword.kind === 'user') return byPassword;
    const byLogin = this.#byToken(login);
    if (byLogin.kind === 'user' && (!password || password === 'x-oauth-basic')) return byLogin;
    return { kind: 'invalid' };
  }
}
