import { request as httpRequest } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '../../kube/object.ts';
import { ClusterError } from './cluster-error.ts';
import { Discovery } from './discovery.ts';

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** How the API server treats unknown or duplicate fields (the `fieldValidation` query parameter). */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteCallOptions {
  fieldManager?: string;
  dryRun?: boolean;
  force?: boolean;
  /** Unset: the server's default (Warn). kubectl's `--validate=true` sends Strict, `--validate=false` Ignore. */
  fieldValidation?: FieldValidation;
}

export interface RawResponse {
  status: number;
  body: string;
}

/**
 * How the reconciler reaches a cluster: the Kubernetes REST API over HTTP(S), configured by a kubeconfig through
 * @kubernetes/client-node, so the same code drives the embedded cluster, kind, or any real cluster. Objects go
 * over the wire exactly as given (no client-side model that would drop unknown fields).
 */
export class ClusterClient {
  readonly discovery: Discovery;
  readonly #config: KubeConfig;
  readonly #server: URL;

  constructor(config: KubeConfig) {
    const cluster = config.getCurrentCluster();
    if (!cluster) throw new ClusterError(0, 'NoCluster', 'the kubeconfig has no current cluster; set current-context');
    this.#config = config;
    this.#server = new URL(cluster.server);
    this.discovery = new Discovery((path) => this.request('GET', path));
  }

  get server(): string {
    return this.#server.origin;
  }

  /** The object, or undefined when it does not exist; a kind the cluster does not serve is an error. */
  async get<T extends KubeObject = KubeObject>(ref: ObjectRef, signal?: AbortSignal): Promise<T | undefined> {
    const path = await this.path(ref);
    try {
      return await this.#json<T>('GET', path, undefined, undefined, signal);
    } catch (error) {
      if (error instanceof ClusterError && error.notFound) return undefined;
      throw error;
    }
  }

  async list<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    options: { namespace?: string; labelSelector?: string; signal?: AbortSignal } = {},
  ): Promise<{ items: T[]; resourceVersion: string }> {
    const path = await this.path({
      apiVersion,
      kind,
      name: '',
      ...(options.namespace ? { namespace: options.namespace } : {}),
    });
    const query = options.labelSelector ? `?labelSelector=${encodeURIComponent(options.labelSelector)}` : '';
    const list = await this.#json<{ items: T[]; metadata: { resourceVersion: string } }>(
      'GET',
      `${path}${query}`,
      undefined,
      undefined,
      options.signal,
    );
    const items = list.items.map((item) => ({ ...item, apiVersion, kind }) as T);
    return { items, resourceVersion: list.metadata.resourceVersion };
  }

  /** Server-side apply (PATCH application/apply-patch+yaml; JSON is valid YAML). */
  apply<T extends KubeObject = KubeObject>(
    object: KubeObject,
    options: WriteCallOptions & { fieldManager: string },
    signal?: AbortSignal,
  ): Promise<T> {
    return this.#write<T>('PATCH', object, 'application/apply-patch+yaml', options, signal);
  }

  create<T extends KubeObject = KubeObject>(
    object: KubeObject,
    options: WriteCallOptions = {},
    signal?: AbortSignal,
  ): Promise<T> {
    return this.#write<T>('POST', object, 'application/json', options, signal);
  }

  replace<T extends KubeObject = KubeObject>(
    object: KubeObject,
    options: WriteCallOptions = {},
    signal?: AbortSignal,
  ): Promise<T> {
    return this.#write<T>('PUT', object, 'application/json', options, signal);
  }

  /** A JSON merge patch, e.g. the Application status and operation fields. */
  async mergePatch<T extends KubeObject = KubeObject>(
    ref: ObjectRef,
    patch: unknown,
    options: WriteCallOptions & { subresource?: string } = {},
    signal?: AbortSignal,
  ): Promise<T> {
    const path = `${await this.path(ref)}${options.subresource ? `/${options.subresource}` : ''}`;
    return this.#json<T>(
      'PATCH',
      `${path}${query(options)}`,
      JSON.stringify(patch),
      'application/merge-patch+json',
      signal,
    );
  }

  /** Deletes; resolves quietly when the object is already gone. */
  async delete(
    ref: ObjectRef,
    options: {
      propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
      dryRun?: boolean;
      gracePeriodSeconds?: number;
    } = {},
    signal?: AbortSignal,
  ): Promise<void> {
    const body = JSON.stringify({
      kind: 'DeleteOptions',
      apiVersion: 'v1',
      ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}),
      ...(options.dryRun ? { dryRun: ['All'] } : {}),
      ...(options.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: options.gracePeriodSeconds } : {}),
    });
    const path = await this.path(ref);
    try {
      await this.#json('DELETE', path, body, 'application/json', signal);
    } catch (error) {
      if (error instanceof ClusterError && error.notFound) return;
      throw error;
    }
  }

  /** The REST path of an object (or of its collection when `name` is empty), from discovery. */
  async path(ref: ObjectRef): Promise<string> {
    const resource = await this.discovery.resourceFor(ref.apiVersion, ref.kind);
    const base = ref.apiVersion.includes('/') ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
    const scope = resource.namespaced && ref.namespace ? `/namespaces/${encodeURIComponent(ref.namespace)}` : '';
    return `${base}${scope}/${resource.plural}${ref.name ? `/${encodeURIComponent(ref.name)}` : ''}`;
  }

  async #write<T>(
    method: string,
    object: KubeObject,
    contentType: string,
    options: WriteCallOptions,
    signal?: AbortSignal,
  ): Promise<T> {
    const ref = {
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: method === 'POST' ? '' : object.metadata.name!,
      ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    };
    return this.#json<T>(
      method,
      `${await this.path(ref)}${query(options)}`,
      JSON.stringify(object),
      contentType,
      signal,
    );
  }

  async #json<T>(method: string, path: string, body?: string, contentType?: string, signal?: AbortSignal): Promise<T> {
    const response = await this.request(method, path, body, contentType, signal);
    if (response.status >= 400) throw statusError(response, method, path);
    return JSON.parse(response.body) as T;
  }

  /** One HTTP(S) request with the kubeconfig's credentials and TLS settings. */
  async request(
    method: string,
    path: string,
    body?: string,
    contentType?: string,
    signal?: AbortSignal,
  ): Promise<RawResponse> {
    const options: RequestOptions = {
      method,
      host: this.#server.hostname,
      port: this.#server.port,
      path,
      headers: {
        Accept: 'application/json',
        'User-Agent': 'gitops-sandbox-reconciler/0.1',
        ...(contentType ? { 'Content-Type': contentType } : {}),
        // Node frames DELETE bodies only with an explicit length (no chunked encoding by default for DELETE).
        ...(body !== undefined ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}),
      },
      ...(signal ? { signal } : {}),
    };
    // The kubeconfig's credentials and TLS material; for a plain-HTTP server only its headers (tokens) apply,
    // since client-node also installs an HTTPS agent.
    const configured: RequestOptions = { headers: {} };
    await this.#config.applyToHTTPSOptions(configured);
    const secure = this.#server.protocol === 'https:';
    if (secure) Object.assign(options, { ...configured, headers: { ...configured.headers, ...options.headers } });
    else options.headers = { ...configured.headers, ...options.headers };
    const send = secure ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', (error) =>
        reject(
          new ClusterError(
            0,
            'Unreachable',
            `the Kubernetes API at ${this.#server.origin} does not answer: ${error.message}`,
            { cause: error },
          ),
        ),
      );
      req.end(body);
    });
  }
}

function query(options: WriteCallOptions): string {
  const params = new URLSearchParams();
  if (options.fieldManager) params.set('fieldManager', options.fieldManager);
  if (options.dryRun) params.set('dryRun', 'All');
  if (options.force) params.set('force', 'true');
  if (options.fieldValidation) params.set('fieldValidation', options.fieldValidation);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function statusError(response: RawResponse, method: string, path: string): ClusterError {
  try {
    const status = JSON.parse(response.body) as { message?: string; reason?: string };
    return new ClusterError(
      response.status,
      status.reason ?? '',
      status.message ?? `${method} ${path}: HTTP ${response.status}`,
    );
  } catch {
    return new ClusterError(
      response.status,
      '',
      `${method} ${path}: HTTP ${response.status}: ${response.body.slice(0, 200)}`,
    );
  }
}
