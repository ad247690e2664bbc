import type { KubeObject } from '../object.ts';
import { ApiError } from './api-error.ts';
import type { ResourceType } from './resources/resource-type.ts';
import type { ApiContext } from './rest/api-context.ts';
import { create } from './rest/create.ts';
import { deleteObject } from './rest/delete.ts';
import type { DeleteOptions, WriteOptions } from './rest/options.ts';
import { APPLY_PATCH, MERGE_PATCH, patch } from './rest/patch.ts';
import { get, list } from './rest/read.ts';
import { bindPod } from './rest/subresources/pod-binding.ts';
import { evictPod } from './rest/subresources/pod-eviction.ts';
import { update } from './rest/update.ts';
import { type WatchEvent, watch } from './rest/watch.ts';
import type { StoreEvent } from './storage/watch-event.ts';

export interface CallOptions {
  fieldManager?: string;
  dryRun?: boolean;
  force?: boolean;
}

/**
 * In-process access to the API with exactly the REST semantics (defaulting, validation, optimistic concurrency,
 * managedFields, watch events), for the controllers that run inside the embedded cluster. External clients use
 * HTTP; nothing here bypasses the rules they are held to.
 */
export class KubeApi {
  readonly #ctx: ApiContext;

  constructor(ctx: ApiContext) {
    this.#ctx = ctx;
  }

  type(apiVersion: string, kind: string): ResourceType {
    const type = this.#ctx.types.byKind(apiVersion, kind);
    if (!type)
      throw new ApiError(
        404,
        'NotFound',
        `the server could not find the requested resource: no kind "${kind}" in ${apiVersion}`,
      );
    return type;
  }

  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    try {
      return get(this.#ctx, this.type(apiVersion, kind), namespace, name);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  list(
    apiVersion: string,
    kind: string,
    options: { namespace?: string; labelSelector?: string; fieldSelector?: string } = {},
  ): KubeObject[] {
    const query = new URLSearchParams();
    if (options.labelSelector) query.set('labelSelector', options.labelSelector);
    if (options.fieldSelector) query.set('fieldSelector', options.fieldSelector);
    return list(this.#ctx, this.type(apiVersion, kind), options.namespace, query).items;
  }

  create(object: KubeObject, options: CallOptions = {}): KubeObject {
    const type = this.type(object.apiVersion, object.kind);
    return create(this.#ctx, type, object.metadata.namespace, object, this.#write(options)).object;
  }

  /** PUT; `subresource` "status" writes only status. */
  update(object: KubeObject, options: CallOptions & { subresource?: 'status' | 'finalize' } = {}): KubeObject {
    const type = this.type(object.apiVersion, object.kind);
    const scope = options.subresource ? { subresource: options.subresource } : {};
    return update(
      this.#ctx,
      type,
      object.metadata.namespace,
      object.metadata.name!,
      object,
      this.#write(options),
      scope,
    ).object;
  }

  /** A JSON merge patch (RFC 7386). */
  mergePatch(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
    body: Record<string, unknown>,
    options: CallOptions & { subresource?: 'status' } = {},
  ): KubeObject {
    const type = this.type(apiVersion, kind);
    return patch(
      this.#ctx,
      type,
      namespace,
      name,
      MERGE_PATCH,
      JSON.stringify(body),
      this.#write(options),
      options.subresource,
    ).object;
  }

  /** Server-side apply. */
  apply(object: KubeObject, options: CallOptions & { fieldManager: string }): KubeObject {
    const type = this.type(object.apiVersion, object.kind);
    return patch(
      this.#ctx,
      type,
      object.metadata.namespace,
      object.metadata.name!,
      APPLY_PATCH,
      JSON.stringify(object),
      this.#write(options),
    ).object;
  }

  /** POST pods/{name}/binding: assigns a pod to a node once (409 Conflict if already bound). */
  bind(namespace: string, name: string, nodeName: string, options: CallOptions = {}): void {
    const binding = {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name, namespace },
      target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
    };
    bindPod(
      this.#ctx,
      this.type('v1', 'Pod'),
      namespace,
      name,
      binding,
      this.#write({ fieldManager: 'default-scheduler', ...options }),
    );
  }

  /** POST pods/{name}/eviction: a delete that respects PodDisruptionBudgets (429 TooManyRequests while one forbids it). */
  evict(namespace: string, name: string, deleteOptions: Record<string, unknown> = {}): void {
    evictPod(this.#ctx, this.type('v1', 'Pod'), namespace, name, {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name, namespace },
      deleteOptions,
    });
  }

  delete(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
    options: Partial<DeleteOptions> = {},
  ): KubeObject | undefined {
    try {
      return deleteObject(this.#ctx, this.type(apiVersion, kind), namespace, name, { dryRun: false, ...options })
        .object;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  watch(
    apiVersion: string,
    kind: string,
    query: URLSearchParams,
    namespace: string | undefined,
    emit: (event: WatchEvent) => void,
    signal: AbortSignal,
  ): void {
    watch(this.#ctx, this.type(apiVersion, kind), namespace, query, emit, signal);
  }

  /**
   * Changes to one kind, with old and new objects, after a synthetic ADDED for every object that exists now
   * (an informer's list-then-watch, with no gap: both happen in one tick). Returns the unsubscribe function.
   */
  watchKind(apiVersion: string, kind: string, handler: (event: StoreEvent) => void): () => void {
    const type = this.type(apiVersion, kind);
    const resource = this.#ctx.types.storageKey(type);
    for (const object of this.#ctx.store.list(resource)) {
      handler({ type: 'ADDED', revision: this.#ctx.store.revision, resource, object });
    }
    return this.#ctx.store.subscribe((event) => {
      if (event.resource === resource) handler(event);
    });
  }

  /** Every stored change of every resource, with old and new objects; returns the unsubscribe function. */
  onChange(listener: (event: StoreEvent) => void): () => void {
    return this.#ctx.store.subscribe(listener);
  }

  #write(options: CallOptions): WriteOptions {
    return {
      dryRun: options.dryRun ?? false,
      fieldManager: options.fieldManager ?? 'kube-controller-manager',
      fieldValidation: 'Strict',
      force: options.force ?? false,
    };
  }
}
