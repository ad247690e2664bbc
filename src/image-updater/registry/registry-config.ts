/** One registry the updater talks to, as an entry of registries.conf (configuration/registries.md). */
export interface RegistryConfig {
  name: string;
  /** The registry part of image references it serves, e.g. `127.0.0.1:5000` or `docker.io`. */
  prefix: string;
  /** Base URL of the API, e.g. `http://127.0.0.1:5000`; defaults to https (http for loopback) on the prefix. */
  apiUrl?: string;
  /** Plain HTTP to this registry when no api_url says which scheme. */
  insecure?: boolean;
  /** `pullsecret:<ns>/<name>`, `secret:<ns>/<name>#<field>`, `env:<VAR>`, or the credentials themselves. */
  credentials?: string | { username: string; password: string };
  /** Requests per second (default 20, as the real tool). */
  limit?: number;
  /** Used for images whose registry no entry's prefix names. */
  default?: boolean;
  /** Namespace prepended to single-component image names (Docker Hub's `library`). */
  defaultns?: string;
}

export const DEFAULT_RATE_LIMIT = 20;

/** The entry whose prefix is the image's registry (longest prefix wins), else the default entry. */
export function registryFor(configs: readonly RegistryConfig[], registry: string): RegistryConfig | undefined {
  const matches = configs
    .filter((c) => c.prefix === registry || registry.startsWith(`${c.prefix}/`))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return matches[0] ?? configs.find((c) => c.default);
}

/**
 * The `host:port` the registry client dials and whether it speaks plain HTTP: the api_url's scheme decides; without
 * one, `insecure` means plain HTTP (as Docker's insecure-registries). Unverified TLS is not supported.
 */
export function endpointOf(config: RegistryConfig | undefined, registry: string): { host: string; insecure?: boolean } {
  if (!config?.apiUrl) return config?.insecure ? { host: registry, insecure: true } : { host: registry };
  const url = new URL(config.apiUrl);
  return { host: url.host, insecure: url.protocol === 'http:' };
}
