import { createHash } from 'node:crypto';

/** Digest algorithms we can verify, with the length of their hex encoding. */
const algorithms: Record<string, number> = { sha256: 64, sha512: 128 };

/** `algorithm:encoded` as the OCI image spec's digest grammar allows. */
const digestGrammar = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export type DigestCheck = { ok: true; algorithm: string; hex: string } | { ok: false; reason: string };

/** Whether `digest` is well formed and uses an algorithm we can verify. */
export function checkDigest(digest: string): DigestCheck {
  if (!digestGrammar.test(digest)) return { ok: false, reason: `"${digest}" is not a digest (algorithm:hex)` };
  const [algorithm = '', hex = ''] = digest.split(':');
  const length = algorithms[algorithm];
  if (length === undefined) return { ok: false, reason: `digest algorithm "${algorithm}" is not supported` };
  if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) {
    return { ok: false, reason: `"${digest}" is not a valid ${algorithm} digest` };
  }
  return { ok: true, algorithm, hex };
}

export function isDigest(value: string): boolean {
  return digestGrammar.test(value);
}

export function sha256(data: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/** The digest of `data` with the algorithm of `like` (sha256 unless `like` says sha512). */
export function digestOf(data: Uint8Array, like = 'sha256:'): string {
  const algorithm = like.startsWith('sha512:') ? 'sha512' : 'sha256';
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}
