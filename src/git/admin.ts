import { type Clock, rfc3339 } from '../clock/index.ts';
import { hashPassword, hashToken, newToken, verifyPassword } from './auth/credentials.ts';
import type { UserRecord } from './state/model.ts';
import type { StateStore } from './state/store.ts';

const TOKEN_NAME = 'gitops-sandbox';

/**
 * Makes sure the admin exists with the given password (a restart may change it) and issues a fresh access token,
 * replacing the one the previous start issued: tokens are stored hashed, so an old one cannot be shown again.
 */
export async function ensureAdmin(options: {
  store: StateStore;
  clock: Clock;
  username: string;
  password: string;
}): Promise<{ user: UserRecord; token: string }> {
  const { store, username, password } = options;
  const existing = store.state.users.find((u) => u.login.toLowerCase() === username.toLowerCase());
  const keepHash = existing?.type === 'user' && (await verifyPassword(password, existing.passwordHash));
  const passwordHash = keepHash ? existing.passwordHash : await hashPassword(password);
  const token = newToken();
  const user = await store.update((state) => {
    let user = state.users.find((u) => u.login.toLowerCase() === username.toLowerCase());
    if (!user) {
      user = {
        id: state.nextId.user++,
        login: username,
        email: `${username}@noreply.localhost`,
        fullName: '',
        type: 'user',
        isAdmin: true,
        passwordHash,
        owners: [],
        visibility: 'public',
        description: '',
        created: rfc3339(options.clock),
      };
      state.users.push(user);
    }
    user.type = 'user';
    user.isAdmin = true;
    user.passwordHash = passwordHash;
    const userId = user.id;
    state.tokens = state.tokens.filter((t) => !(t.userId === userId && t.name === TOKEN_NAME));
    state.tokens.push({
      id: state.nextId.token++,
      userId,
      name: TOKEN_NAME,
      hash: hashToken(token),
      lastEight: token.slice(-8),
      scopes: ['all'],
    });
    return user;
  });
  return { user, token };
}
