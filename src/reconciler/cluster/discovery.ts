import { ClusterError } from './cluster-error.ts';

export interface ApiResource {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  verbs: string[];
}

/**
 * Which resource serves a kind, from /api/v1 and /apis/{group}/{version}, cached per group-version. A miss
 * re-reads that group-version once (a CRD may have just been created), then fails with the server's own words.
 */
export class Discovery {
  readonly #get: (path: string) => Promise<{ status: number; body: string }>;
  readonly #byGroupVersion = new Map<string, Promise<ApiResource[]>>();

  constructor(get: (path: string) => Promise<{ status: number; body: string }>) {
    this.#get = get;
  }

  async resourceFor(apiVersion: string, kind: string): Promise<ApiResource> {
    const found = (await this.#resources(apiVersion)).find((r) => r.kind === kind);
    if (found) return found;
    this.#byGroupVersion.delete(apiVersion);
    const again = (await this.#resources(apiVersion)).find((r) => r.kind === kind);
    if (again) return again;
    throw new ClusterError(
      404,
      'NotFound',
      `the server could not find the requested resource: no kind "${kind}" is served in ${apiVersion}`,
    );
  }

  /** Whether a kind is namespaced; undefined when the cluster does not serve it (yet). */
  async isNamespaced(apiVersion: string, kind: string): Promise<boolean | undefined> {
    try {
      return (await this.resourceFor(apiVersion, kind)).namespaced;
    } catch (error) {
      if (error instanceof ClusterError && error.notFound) return undefined;
      throw error;
    }
  }

  /** Forgets everything (after CRDs change). */
  invalidate(): void {
    this.#byGroupVersion.clear();
  }

  #resources(apiVersion: string): Promise<ApiResource[]> {
    let cached = this.#byGroupVersion.get(apiVersion);
    if (!cached) {
      cached = this.#load(apiVersion);
      cached.catch(() => this.#byGroupVersion.delete(apiVersion));
      this.#byGroupVersion.set(apiVersion, cached);
    }
    return cached;
  }

  async #load(apiVersion: string): Promise<ApiResource[]> {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const response = await this.#get(group ? `/apis/${apiVersion}` : `/api/${apiVersion}`);
    if (response.status === 404) return [];
    if (response.status >= 400)
      throw new ClusterError(response.status, '', `discovery of ${apiVersion} failed: HTTP ${response.status}`);
    const list = JSON.parse(response.body) as {
      resources: { name: string; kind: string; namespaced: boolean; verbs: string[] }[];
    };
    return list.resources
      .filter((r) => !r.name.includes('/'))
      .map((r) => ({
        group: group!,
        version: version!,
        kind: r.kind,
        plural: r.name,
        namespaced: r.namespaced,
        verbs: r.verbs,
      }));
  }
}
