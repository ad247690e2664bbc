import type { KubeObject } from '../../kube/object.ts';
import type { ClusterClient } from '../../reconciler/cluster/index.ts';
import { ImageUpdaterError } from '../errors.ts';

/** `git:secret:<ns>/<name>`: a Secret with `username` and `password`, as the real tool reads it. */
export async function gitSecret(
  client: ClusterClient,
  secret: { namespace: string; name: string },
  signal?: AbortSignal,
): Promise<{ username: string; password: string }> {
  const where = `write-back-method git:secret:${secret.namespace}/${secret.name}`;
  const object = await client.get<KubeObject & { data?: Record<string, string> }>(
    { apiVersion: 'v1', kind: 'Secret', namespace: secret.namespace, name: secret.name },
    signal,
  );
  if (!object) {
    throw new ImageUpdaterError(
      'CredentialsNotFound',
      `${where}: the Secret does not exist; create it with username and password`,
    );
  }
  const read = (field: string) => {
    const value = object.data?.[field];
    if (value === undefined) {
      throw new ImageUpdaterError(
        'CredentialsNotFound',
        `${where}: the Secret has no '${field}'; git write-back needs username and password`,
      );
    }
    return Buffer.from(value, 'base64').toString('utf8');
  };
  return { username: read('username'), password: read('password') };
}
