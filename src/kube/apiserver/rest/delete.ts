import { formatTime } from '../../../clock/index.ts';
import type { KubeObject } from '../../object.ts';
import { conflict } from '../api-error.ts';
import type { ResourceType } from '../resources/resource-type.ts';
import type { ApiContext, WriteResult } from './api-context.ts';
import type { DeleteOptions } from './options.ts';
import { hasSpecFinalizers } from './strategy.ts';
import { current } from './update.ts';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

/**
 * DELETE of one object (K: apiserver/pkg/registry/generic/registry/store.go Delete): preconditions, the
 * propagation finalizers the garbage collector acts on, graceful deletion of scheduled pods, and finalizers.
 * 200 with the final object when it is gone, 202 with the object while its deletion is pending.
 */
export function deleteObject(
  ctx: ApiContext,
  type: ResourceType,
  namespace: string | undefined,
  name: string,
  options: DeleteOptions,
): WriteResult {
  const old = current(ctx, type, namespace, name);
  checkPreconditions(type, old, options);
  const next = structuredClone(old);
  const meta = next.metadata;
  const finalizers = new Set(meta.finalizers ?? []);
  if (!meta.deletionTimestamp) {
    const policy = options.propagationPolicy ?? defaultPropagation(type);
    if (policy === 'Foreground') finalizers.add(FOREGROUND_FINALIZER);
    if (policy === 'Orphan') finalizers.add(ORPHAN_FINALIZER);
    if (type.group === '' && type.kind === 'Namespace') markNamespaceTerminating(next);
  } else if (options.propagationPolicy === 'Orphan') {
    finalizers.add(ORPHAN_FINALIZER);
  }
  if (finalizers.size > 0) meta.finalizers = [...finalizers];
  const grace = gracePeriod(type, old, options);
  const key = ctx.types.storageKey(type);
  if (finalizers.size === 0 && grace === 0 && !hasSpecFinalizers(next)) {
    if (options.dryRun) return { object: old, status: 200, warnings: [] };
    return { object: ctx.store.remove(key, meta.namespace, name)!, status: 200, warnings: [] };
  }
  const now = ctx.clock.now();
  const pendingUntil = grace > 0 ? now + grace * 1000 : now;
  if (!meta.deletionTimestamp || Date.parse(meta.deletionTimestamp) > pendingUntil) {
    meta.deletionTimestamp = formatTime(pendingUntil);
    meta.deletionGracePeriodSeconds = grace;
  }
  if (options.dryRun) return { object: next, status: 202, warnings: [] };
  return { object: ctx.store.put(key, next), status: 202, warnings: [] };
}

/** Background for every apps/v1 and later kind (K: DefaultGarbageCollectionPolicy of each strategy). */
function defaultPropagation(_type: ResourceType): 'Background' {
  return 'Background';
}

function checkPreconditions(type: ResourceType, old: KubeObject, options: DeleteOptions): void {
  const { uid, resourceVersion } = options.preconditions ?? {};
  const name = old.metadata.name!;
  if (uid && uid !== old.metadata.uid) {
    throw conflict(
      type,
      name,
      `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${old.metadata.uid}`,
    );
  }
  if (resourceVersion && resourceVersion !== old.metadata.resourceVersion) {
    throw conflict(
      type,
      name,
      `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`,
    );
  }
}

/**
 * Only pods are deleted gracefully, and only once scheduled: an unscheduled pod or a grace of 0 goes at once
 * (K: pkg/registry/core/pod/strategy.go CheckGracefulDelete). The kubelet finishes a graceful deletion.
 */
function gracePeriod(type: ResourceType, pod: KubeObject, options: DeleteOptions): number {
  if (type.group !== '' || type.kind !== 'Pod') return 0;
  const spec = (pod['spec'] ?? {}) as { nodeName?: string; terminationGracePeriodSeconds?: number };
  const status = (pod['status'] ?? {}) as { phase?: string };
  if (!spec.nodeName || status.phase === 'Succeeded' || status.phase === 'Failed') return 0;
  return options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
}

function markNamespaceTerminating(namespace: KubeObject): void {
  namespace['status'] = { ...((namespace['status'] as object) ?? {}), phase: 'Terminating' };
}
