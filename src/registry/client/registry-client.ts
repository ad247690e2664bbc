import type { Clock } from '../../clock/index.ts';
import { digestOf, isDigest } from '../digest.ts';
import { RegistryError } from '../errors.ts';
import { indexManifestTypes, manifestAccept } from '../media-types.ts';
import { describe } from './errors.ts';
import { RegistryTransport } from './transport.ts';

export interface RegistryClientOptions {
  /** `host:port` (or `docker.io`). */
  registry: string;
  /** Plain HTTP instead of HTTPS; defaults to true for loopback registries, as Docker treats them. */
  insecure?: boolean;
  credentials?: { username: string; password: string };
  clock: Clock;
  /** Per-attempt timeout in simulated milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Retries after the first attempt on 5xx, 429 and connection errors (default 3). */
  retries?: number;
  /** Space requests so there are at most this many per simulated second. */
  rateLimitPerSecond?: number;
  /** Ask for tag and catalog pages of this size (`n`); by default the registry chooses. */
  pageSize?: number;
}

export interface ManifestResponse {
  mediaType: string;
  digest: string;
  body: Uint8Array;
  json: ManifestJson;
}

export interface ManifestJson {
  schemaVersion?: number;
  mediaType?: string;
  config?: { mediaType: string; digest: string; size: number };
  layers?: { mediaType: string; digest: string; size: number }[];
  manifests?: { mediaType: string; digest: string; size: number; platform?: { os?: string; architecture?: string } }[];
}

export interface ImageConfig {
  created?: string;
  labels: Record<string, string>;
  os?: string;
  architecture?: string;
  /** The digest `tagOrDigest` resolves to (the index's digest for multi-platform images), for pinning `@digest`. */
  digest: string;
}

/** A client for the OCI distribution API, used by the image updater, kubelet pulls and scenarios. */
export class RegistryClient {
  readonly registry: string;
  readonly #http: RegistryTransport;
  readonly #pageSize: number | undefined;

  constructor(options: RegistryClientOptions) {
    this.registry = options.registry;
    this.#http = new RegistryTransport(options);
    this.#pageSize = options.pageSize;
  }

  /** Checks that the registry speaks the v2 API and accepts our credentials. */
  async ping(signal?: AbortSignal): Promise<void> {
    await this.#http.request({ method: 'GET', path: '/v2/', signal });
  }

  /** Every tag of the repository, following `Link` pages. */
  async listTags(repository: string, signal?: AbortSignal): Promise<string[]> {
    const pages = this.#pages(`/v2/${repository}/tags/list`, repository, signal);
    const tags: string[] = [];
    for await (const page of pages) tags.push(...(((page as { tags?: string[] | null }).tags ?? []) as string[]));
    return tags;
  }

  /** Every repository in the registry's catalog, following `Link` pages. */
  async listRepositories(signal?: AbortSignal): Promise<string[]> {
    const names: string[] = [];
    for await (const page of this.#pages('/v2/_catalog', undefined, signal)) {
      names.push(...((page as { repositories?: string[] | null }).repositories ?? []));
    }
    return names;
  }

  /** The manifest digest a tag points at (or the digest itself, once the registry confirmed it exists). */
  async resolveDigest(repository: string, tagOrDigest: string, signal?: AbortSignal): Promise<string> {
    const response = await this.#http.request({
      method: 'HEAD',
      path: `/v2/${repository}/manifests/${tagOrDigest}`,
      headers: { Accept: manifestAccept },
      repository,
      reference: tagOrDigest,
      signal,
    });
    const digest = response.headers.get('docker-content-digest');
    if (digest && isDigest(digest)) return digest;
    return (await this.getManifest(repository, tagOrDigest, signal)).digest;
  }

  async manifestExists(repository: string, tagOrDigest: string, signal?: AbortSignal): Promise<boolean> {
    return this.#exists(repository, `manifests/${tagOrDigest}`, tagOrDigest, signal, { Accept: manifestAccept });
  }

  /** The manifest as stored, its media type and digest (verified against the content when asked by digest). */
  async getManifest(repository: string, tagOrDigest: string, signal?: AbortSignal): Promise<ManifestResponse> {
    const response = await this.#http.request({
      method: 'GET',
      path: `/v2/${repository}/manifests/${tagOrDigest}`,
      headers: { Accept: manifestAccept },
      repository,
      reference: tagOrDigest,
      signal,
    });
    const target = { registry: this.registry, repository, reference: tagOrDigest };
    const computed = digestOf(response.body, isDigest(tagOrDigest) ? tagOrDigest : 'sha256:');
    if (isDigest(tagOrDigest) && computed !== tagOrDigest) throw mismatch(target, tagOrDigest, computed);
    let json: ManifestJson;
    try {
      json = JSON.parse(Buffer.from(response.body).toString('utf8')) as ManifestJson;
    } catch (error) {
      throw new RegistryError({
        ...target,
        code: 'REGISTRY_PROTOCOL_ERROR',
        message: `${describe(target)}: the manifest is not JSON`,
        cause: error,
      });
    }
    const mediaType = json.mediaType ?? response.headers.get('content-type')?.split(';')[0] ?? '';
    const digest = response.headers.get('docker-content-digest') ?? computed;
    return { mediaType, digest, body: response.body, json };
  }

  /**
   * The image's config: created time, labels and platform. For a multi-platform index it reads the `platform`
   * entry (linux/amd64 by default, else the first); `digest` stays the one `tagOrDigest` resolved to.
   */
  async getImageConfig(
    repository: string,
    tagOrDigest: string,
    signal?: AbortSignal,
    platform: { os: string; architecture: string } = { os: 'linux', architecture: 'amd64' },
  ): Promise<ImageConfig> {
    const top = await this.getManifest(repository, tagOrDigest, signal);
    let manifest = top;
    if (indexManifestTypes.includes(top.mediaType) || Array.isArray(top.json.manifests)) {
      const entries = top.json.manifests ?? [];
      const entry =
        entries.find((m) => m.platform?.os === platform.os && m.platform.architecture === platform.architecture) ??
        entries[0];
      if (!entry) throw this.#protocol(repository, tagOrDigest, 'the image index lists no manifests');
      manifest = await this.getManifest(repository, entry.digest, signal);
    }
    const configDigest = manifest.json.config?.digest;
    if (!configDigest) throw this.#protocol(repository, tagOrDigest, 'the manifest has no config');
    const blob = await this.fetchBlob(repository, configDigest, signal);
    const config = JSON.parse(Buffer.from(blob).toString('utf8')) as {
      created?: string;
      os?: string;
      architecture?: string;
      config?: { Labels?: Record<string, string> | null };
    };
    const result: ImageConfig = { labels: config.config?.Labels ?? {}, digest: top.digest };
    if (config.created !== undefined) result.created = config.created;
    if (config.os !== undefined) result.os = config.os;
    if (config.architecture !== undefined) result.architecture = config.architecture;
    return result;
  }

  /** A blob's bytes, verified against its digest. */
  async fetchBlob(repository: string, digest: string, signal?: AbortSignal): Promise<Uint8Array> {
    const response = await this.#http.request({
      method: 'GET',
      path: `/v2/${repository}/blobs/${digest}`,
      repository,
      reference: digest,
      signal,
    });
    const actual = digestOf(response.body, digest);
    if (actual !== digest) throw mismatch({ registry: this.registry, repository, reference: digest }, digest, actual);
    return response.body;
  }

  async blobExists(repository: string, digest: string, signal?: AbortSignal): Promise<boolean> {
    return this.#exists(repository, `blobs/${digest}`, digest, signal);
  }

  /** HEAD of a manifest or blob: 200 is there, 404 is not; anything else is an error. */
  async #exists(
    repository: string,
    path: string,
    reference: string,
    signal?: AbortSignal,
    headers?: Record<string, string>,
  ): Promise<boolean> {
    const response = await this.#http.request({
      method: 'HEAD',
      path: `/v2/${repository}/${path}`,
      ...(headers ? { headers } : {}),
      repository,
      reference,
      accept: (status) => status === 200 || status === 404,
      signal,
    });
    return response.status === 200;
  }

  /** Uploads a blob unless the repository has it: POST a session, then PUT the bytes with their digest. */
  async uploadBlob(repository: string, data: Uint8Array, signal?: AbortSignal): Promise<string> {
    const digest = digestOf(data);
    if (await this.blobExists(repository, digest, signal)) return digest;
    const started = await this.#http.request({
      method: 'POST',
      path: `/v2/${repository}/blobs/uploads/`,
      headers: { 'Content-Length': '0' },
      repository,
      signal,
    });
    if (started.status === 201) return digest;
    const location = started.headers.get('location');
    if (!location) throw this.#protocol(repository, digest, 'the upload session has no Location');
    const url = new URL(location, started.url);
    url.searchParams.set('digest', digest);
    await this.#http.request({
      method: 'PUT',
      path: url.href,
      headers: { 'Content-Type': 'application/octet-stream' },
      body: data,
      repository,
      reference: digest,
      signal,
    });
    return digest;
  }

  /** Pushes a manifest under a tag or its digest; returns its digest. */
  async putManifest(
    repository: string,
    tagOrDigest: string,
    manifest: { mediaType: string; body: Uint8Array },
    signal?: AbortSignal,
  ): Promise<string> {
    const response = await this.#http.request({
      method: 'PUT',
      path: `/v2/${repository}/manifests/${tagOrDigest}`,
      headers: { 'Content-Type': manifest.mediaType },
      body: manifest.body,
      repository,
      reference: tagOrDigest,
      signal,
    });
    return response.headers.get('docker-content-digest') ?? digestOf(manifest.body);
  }

  /** Deletes a manifest by digest (and so every tag on it). */
  async deleteManifest(repository: string, digest: string, signal?: AbortSignal): Promise<void> {
    await this.#http.request({
      method: 'DELETE',
      path: `/v2/${repository}/manifests/${digest}`,
      repository,
      reference: digest,
      signal,
    });
  }

  async *#pages(path: string, repository: string | undefined, signal?: AbortSignal): AsyncGenerator<unknown> {
    let next: string | undefined = this.#pageSize ? `${path}?n=${this.#pageSize}` : path;
    for (let page = 0; next !== undefined && page < 100_000; page++) {
      const response = await this.#http.request({ method: 'GET', path: next, repository, signal });
      yield JSON.parse(Buffer.from(response.body).toString('utf8')) as unknown;
      const link = response.headers.get('link')?.match(/<([^>]+)>\s*;\s*rel="?next"?/);
      next = link?.[1] ? new URL(link[1], response.url).href : undefined;
    }
  }

  #protocol(repository: string, reference: string, what: string): RegistryError {
    const target = { registry: this.registry, repository, reference };
    return new RegistryError({
      ...target,
      code: 'REGISTRY_PROTOCOL_ERROR',
      message: `${describe(target)}: ${what}; is this an OCI or Docker image?`,
    });
  }
}

function mismatch(
  target: { registry: string; repository: string; reference: string },
  expected: string,
  actual: string,
) {
  return new RegistryError({
    ...target,
    code: 'REGISTRY_DIGEST_MISMATCH',
    message: `${describe(target)}: content digest ${actual} does not match ${expected}; the registry or a proxy corrupted it`,
  });
}
