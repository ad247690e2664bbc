import { type DistributionErrorEntry, RegistryError } from '../errors.ts';

export interface Target {
  registry: string;
  repository?: string | undefined;
  reference?: string | undefined;
}

/** Names what was asked for, e.g. `app:v1 in registry 127.0.0.1:5000`. */
export function describe(target: Target): string {
  const { registry, repository, reference } = target;
  if (!repository) return `registry ${registry}`;
  const ref = reference ? `${reference.includes(':') ? '@' : ':'}${reference}` : '';
  return `${repository}${ref} in registry ${registry}`;
}

/** Parses the spec's `{"errors":[…]}` body; an empty list when the body is something else. */
export function parseErrors(body: Uint8Array): DistributionErrorEntry[] {
  try {
    const parsed = JSON.parse(Buffer.from(body).toString('utf8')) as { errors?: unknown };
    if (!Array.isArray(parsed.errors)) return [];
    return parsed.errors.filter(
      (e): e is DistributionErrorEntry => typeof e === 'object' && e !== null && typeof e.code === 'string',
    );
  } catch {
    return [];
  }
}

/** Turns an error answer into a RegistryError that says what happened, to what, and what to do. */
export function errorFromResponse(target: Target, status: number, body: Uint8Array): RegistryError {
  const errors = parseErrors(body);
  const codes = errors.map((e) => e.code);
  const said = errors.length > 0 ? ` (${errors.map((e) => `${e.code}: ${e.message ?? ''}`).join('; ')})` : '';
  const what = describe(target);
  const base = { ...target, status, errors };
  if (status === 401) {
    return new RegistryError({
      ...base,
      code: 'REGISTRY_UNAUTHORIZED',
      message: `${what}: authentication failed${said}; pass the registry's username and password as credentials`,
    });
  }
  if (status === 403) {
    return new RegistryError({
      ...base,
      code: 'REGISTRY_DENIED',
      message: `${what}: access denied${said}; use credentials that may access this repository`,
    });
  }
  if (status === 404) {
    const hint = codes.includes('NAME_UNKNOWN')
      ? `repository ${target.repository} does not exist; push an image to it first or check the name`
      : codes.includes('BLOB_UNKNOWN')
        ? 'the blob does not exist in this repository; push it first'
        : `not found; push ${target.reference ? 'that tag' : 'it'} first or check the name and tag`;
    return new RegistryError({ ...base, code: 'REGISTRY_NOT_FOUND', message: `${what}: ${hint}${said}` });
  }
  if (status === 429) {
    return new RegistryError({
      ...base,
      code: 'REGISTRY_RATE_LIMITED',
      message: `${what}: rate limited by the registry${said}; lower the request rate (rateLimitPerSecond) or retry later`,
    });
  }
  if (status >= 500) {
    return new RegistryError({
      ...base,
      code: 'REGISTRY_UNAVAILABLE',
      message: `${what}: the registry answered ${status}${said}; check that it is up and healthy, then retry`,
    });
  }
  return new RegistryError({
    ...base,
    code: 'REGISTRY_REJECTED',
    message: `${what}: the registry rejected the request with ${status}${said}`,
  });
}
