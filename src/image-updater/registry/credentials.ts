import type { ClusterClient } from '../../reconciler/cluster/index.ts';
import { ImageUpdaterError } from '../errors.ts';

export interface Credentials {
  username: string;
  password: string;
}

type Secret = { data?: Record<string, string>; stringData?: Record<string, string> };

/**
 * Resolves a credential reference (basics/authentication.md): `pullsecret:<ns>/<name>` (a dockerconfigjson Secret,
 * the entry for `registry`), `secret:<ns>/<name>#<field>` (a field holding `user:password`), `env:<VAR>`
 * (`user:password`). `ext:` scripts are not supported in the sandbox.
 */
export async function resolveCredentials(
  reference: string | Credentials,
  context: { client: ClusterClient; registry: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal },
): Promise<Credentials> {
  if (typeof reference !== 'string') return reference;
  const [kind, ...rest] = reference.split(':');
  const value = rest.join(':');
  if (kind === 'env') {
    const text = (context.env ?? process.env)[value];
    if (text === undefined) throw notFound(reference, `environment variable ${value} is not set`);
    return userPassword(text, reference);
  }
  if (kind === 'secret' || kind === 'pullsecret') {
    const match = /^([^/]+)\/([^#]+)(?:#(.+))?$/.exec(value);
    if (!match) throw notFound(reference, `write ${kind}:<namespace>/<name>${kind === 'secret' ? '#<field>' : ''}`);
    const [, namespace, name, field] = match as unknown as [string, string, string, string | undefined];
    const secret = await context.client.get<Secret & { apiVersion: string; kind: string; metadata: object }>(
      { apiVersion: 'v1', kind: 'Secret', namespace, name },
      context.signal,
    );
    if (!secret) throw notFound(reference, `Secret ${namespace}/${name} does not exist; create it`);
    const read = (key: string) => {
      const data = secret.data?.[key];
      return data !== undefined ? Buffer.from(data, 'base64').toString('utf8') : secret.stringData?.[key];
    };
    if (kind === 'secret') {
      if (!field) throw notFound(reference, 'name the field: secret:<namespace>/<name>#<field>');
      const text = read(field);
      if (text === undefined) throw notFound(reference, `Secret ${namespace}/${name} has no field '${field}'`);
      return userPassword(text, reference);
    }
    const config = read('.dockerconfigjson');
    if (config === undefined) throw notFound(reference, `Secret ${namespace}/${name} has no .dockerconfigjson`);
    const auths =
      (JSON.parse(config) as { auths?: Record<string, { username?: string; password?: string; auth?: string }> })
        .auths ?? {};
    const entry = Object.entries(auths).find(
      ([host]) => host.replace(/^https?:\/\//, '').replace(/\/.*$/, '') === context.registry,
    )?.[1];
    if (!entry) throw notFound(reference, `Secret ${namespace}/${name} has no auths entry for ${context.registry}`);
    if (entry.username !== undefined && entry.password !== undefined)
      return { username: entry.username, password: entry.password };
    if (entry.auth) return userPassword(Buffer.from(entry.auth, 'base64').toString('utf8'), reference);
    throw notFound(reference, `the auths entry for ${context.registry} has neither username/password nor auth`);
  }
  throw notFound(reference, 'use pullsecret:<ns>/<name>, secret:<ns>/<name>#<field> or env:<VAR>');
}

function userPassword(text: string, reference: string): Credentials {
  const colon = text.indexOf(':');
  if (colon < 0) throw notFound(reference, 'the value must be <username>:<password>');
  return { username: text.slice(0, colon).trim(), password: text.slice(colon + 1).trim() };
}

function notFound(reference: string, why: string): ImageUpdaterError {
  return new ImageUpdaterError('CredentialsNotFound', `registry credentials '${reference}': ${why}`);
}
