import { rfc3339 } from '../../../clock/index.ts';
import type { KubeObject } from '../../object.ts';
import type { KubeApi } from '../kube-api.ts';
import type { ApiContext } from '../rest/api-context.ts';
import { crdSpec, servedTypes } from './crd-types.ts';

const CRDS = 'apiextensions.k8s.io/customresourcedefinitions';
export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';
const MANAGER = 'kube-apiserver';

/**
 * The apiextensions controllers of a real API server, in one: a new or changed CRD gets its resources served
 * (discovery, REST, OpenAPI) and its status NamesAccepted/Established; a deleted one has its custom resources
 * deleted first (the cleanup finalizer), then stops being served. Work runs in a microtask after the write that
 * caused it, never inside the store's event delivery.
 */
export function startCrdController(ctx: ApiContext, api: KubeApi): () => void {
  const pending = new Set<string>();
  let stopped = false;
  const schedule = (name: string) => {
    if (pending.has(name)) return;
    pending.add(name);
    queueMicrotask(() => {
      pending.delete(name);
      if (!stopped) reconcile(ctx, api, name);
    });
  };
  const unsubscribe = ctx.store.subscribe((event) => {
    if (event.resource === CRDS) schedule(event.object.metadata.name!);
    else if (event.type === 'DELETED' && event.resource.includes('.')) {
      // A custom resource went away: a terminating CRD may now be clean.
      for (const crd of ctx.store.list(CRDS)) if (crd.metadata.deletionTimestamp) schedule(crd.metadata.name!);
    }
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}

function reconcile(ctx: ApiContext, api: KubeApi, name: string): void {
  const crd = ctx.store.get(CRDS, undefined, name);
  if (!crd) {
    const served = ctx.types.all().filter((t) => t.crd?.name === name);
    for (const type of served) ctx.schemas.unregisterCustomResource(type);
    if (served[0]) ctx.store.dropResource(ctx.types.storageKey(served[0]));
    ctx.types.setCustomResource(name, []);
    return;
  }
  if (crd.metadata.deletionTimestamp) {
    cleanUp(ctx, api, crd);
    return;
  }
  if (!(crd.metadata.finalizers ?? []).includes(CLEANUP_FINALIZER)) {
    api.update(
      { ...crd, metadata: { ...crd.metadata, finalizers: [...(crd.metadata.finalizers ?? []), CLEANUP_FINALIZER] } },
      { fieldManager: MANAGER },
    );
    return;
  }
  const served = servedTypes(crd);
  for (const { type, schema } of served) if (schema) ctx.schemas.registerCustomResource(type, schema);
  ctx.types.setCustomResource(
    name,
    served.map((s) => s.type),
  );
  establish(ctx, api, crd);
}

function establish(ctx: ApiContext, api: KubeApi, crd: KubeObject): void {
  const spec = crdSpec(crd);
  const status = (crd['status'] ?? {}) as {
    conditions?: { type: string; status: string; lastTransitionTime?: string }[];
  };
  const now = rfc3339(ctx.clock);
  const keep = (type: string) =>
    status.conditions?.find((c) => c.type === type && c.status === 'True')?.lastTransitionTime ?? now;
  const storage = spec.versions.find((v) => v.storage)?.name;
  const next = {
    ...status,
    acceptedNames: {
      kind: spec.names.kind,
      listKind: spec.names.listKind ?? `${spec.names.kind}List`,
      plural: spec.names.plural,
      singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
      ...(spec.names.shortNames ? { shortNames: spec.names.shortNames } : {}),
      ...(spec.names.categories ? { categories: spec.names.categories } : {}),
    },
    conditions: [
      {
        type: 'NamesAccepted',
        status: 'True',
        reason: 'NoConflicts',
        message: 'no conflicts found',
        lastTransitionTime: keep('NamesAccepted'),
      },
      {
        type: 'Established',
        status: 'True',
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
        lastTransitionTime: keep('Established'),
      },
    ],
    storedVersions: [
      ...new Set([...((status as { storedVersions?: string[] }).storedVersions ?? []), ...(storage ? [storage] : [])]),
    ],
  };
  api.update({ ...crd, status: next }, { subresource: 'status', fieldManager: MANAGER });
}

function cleanUp(ctx: ApiContext, api: KubeApi, crd: KubeObject): void {
  const served = ctx.types.all().filter((t) => t.crd?.name === crd.metadata.name);
  const type = served[0];
  const remaining = type ? ctx.store.list(ctx.types.storageKey(type)) : [];
  for (const object of remaining) {
    if (!object.metadata.deletionTimestamp) {
      api.delete(`${type!.group}/${type!.version}`, type!.kind, object.metadata.namespace, object.metadata.name!);
    }
  }
  if (type && ctx.store.list(ctx.types.storageKey(type)).length > 0) return;
  api.update(
    {
      ...crd,
      metadata: { ...crd.metadata, finalizers: (crd.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER) },
    },
    { fieldManager: MANAGER },
  );
}
