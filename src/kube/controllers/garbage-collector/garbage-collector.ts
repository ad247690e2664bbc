import type { Clock } from '../../../clock/index.ts';
import type { KubeApi } from '../../apiserver/kube-api.ts';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from '../../apiserver/rest/delete.ts';
import type { KubeObject } from '../../object.ts';
import { WorkQueue } from '../runtime/work-queue.ts';
import { type ObjectRef, OwnershipIndex } from './ownership-index.ts';

const MANAGER = 'garbage-collector';

/**
 * The garbage collector (K: pkg/controller/garbagecollector, W: concepts/architecture/garbage-collection):
 * - an object whose owners are all gone is deleted (background), or in foreground if an owner waits for it;
 * - dangling owner references next to a live owner are removed;
 * - an owner deleted with Orphan loses its dependents' references to it, then its `orphan` finalizer;
 * - an owner deleted with Foreground has its dependents deleted, and keeps `foregroundDeletion` until no
 *   dependent with blockOwnerDeletion is left.
 */
export function startGarbageCollector(options: { api: KubeApi; clock: Clock; signal: AbortSignal }): void {
  const { api, clock, signal } = options;
  const index = new OwnershipIndex();
  const queue = new WorkQueue({ clock, signal, process: (uid) => attempt(uid) });

  const unsubscribe = api.onChange((event) => {
    const uid = event.object.metadata.uid!;
    if (event.type === 'DELETED') {
      const dependents = index.dependentsOf(uid);
      const owners = event.object.metadata.ownerReferences ?? [];
      index.remove(uid);
      for (const d of dependents) queue.add(d.uid);
      // An owner waiting for this dependent may now finish.
      for (const owner of owners) queue.add(owner.uid);
      return;
    }
    index.upsert(event.object);
    if (event.object.metadata.deletionTimestamp || (event.object.metadata.ownerReferences ?? []).length > 0) {
      queue.add(uid);
    }
  });
  signal.addEventListener('abort', unsubscribe, { once: true });

  function live(ref: ObjectRef): KubeObject | undefined {
    const object = api.get(ref.apiVersion, ref.kind, ref.namespace, ref.name);
    return object?.metadata.uid === ref.uid ? object : undefined;
  }

  function attempt(uid: string): void {
    const ref = index.ref(uid);
    if (!ref) return;
    const object = live(ref);
    if (!object) return;
    const finalizers = object.metadata.finalizers ?? [];
    if (object.metadata.deletionTimestamp && finalizers.includes(ORPHAN_FINALIZER)) orphanDependents(object);
    else if (object.metadata.deletionTimestamp && finalizers.includes(FOREGROUND_FINALIZER)) deleteDependents(object);
    else collectIfOwnerless(object);
  }

  function collectIfOwnerless(object: KubeObject): void {
    const references = object.metadata.ownerReferences ?? [];
    if (references.length === 0 || object.metadata.deletionTimestamp) return;
    const owners = references.map((r) => ({ reference: r, owner: ownerOf(object, r.uid) }));
    const solid = owners.filter((o) => o.owner && !waitingForDependents(o.owner));
    if (solid.length > 0) {
      const dangling = owners.filter((o) => !o.owner).map((o) => o.reference.uid);
      if (dangling.length > 0) {
        setOwnerReferences(
          object,
          references.filter((r) => !dangling.includes(r.uid)),
        );
      }
      return;
    }
    const foreground = owners.some((o) => o.owner && waitingForDependents(o.owner));
    const hasDependents = index.dependentsOf(object.metadata.uid!).length > 0;
    api.delete(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name!, {
      propagationPolicy: foreground && hasDependents ? 'Foreground' : 'Background',
      preconditions: { uid: object.metadata.uid! },
    });
  }

  function ownerOf(dependent: KubeObject, ownerUid: string): KubeObject | undefined {
    const ref = index.ref(ownerUid);
    if (!ref) return undefined;
    // No cross-namespace owners: a namespaced dependent's owner is in its namespace or cluster-scoped.
    if (ref.namespace && ref.namespace !== dependent.metadata.namespace) return undefined;
    return live(ref);
  }

  function orphanDependents(owner: KubeObject): void {
    for (const dependent of index.dependentsOf(owner.metadata.uid!)) {
      const object = live(dependent);
      if (!object) continue;
      setOwnerReferences(
        object,
        (object.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid),
      );
    }
    removeFinalizer(owner, ORPHAN_FINALIZER);
  }

  function deleteDependents(owner: KubeObject): void {
    const dependents = index
      .dependentsOf(owner.metadata.uid!)
      .map(live)
      .filter((d): d is KubeObject => !!d);
    for (const dependent of dependents) {
      if (dependent.metadata.deletionTimestamp) continue;
      const hasOwn = index.dependentsOf(dependent.metadata.uid!).length > 0;
      api.delete(dependent.apiVersion, dependent.kind, dependent.metadata.namespace, dependent.metadata.name!, {
        propagationPolicy: hasOwn ? 'Foreground' : 'Background',
        preconditions: { uid: dependent.metadata.uid! },
      });
    }
    const blocking = index
      .dependentsOf(owner.metadata.uid!)
      .map(live)
      .filter((d) => d?.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid && r.blockOwnerDeletion));
    if (blocking.length === 0) removeFinalizer(owner, FOREGROUND_FINALIZER);
  }

  function setOwnerReferences(object: KubeObject, references: KubeObject['metadata']['ownerReferences']): void {
    api.update(
      { ...object, metadata: { ...object.metadata, ownerReferences: references ?? [] } },
      { fieldManager: MANAGER },
    );
  }

  function removeFinalizer(object: KubeObject, finalizer: string): void {
    const finalizers = (object.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    api.update({ ...object, metadata: { ...object.metadata, finalizers } }, { fieldManager: MANAGER });
  }
}

function waitingForDependents(owner: KubeObject): boolean {
  return (
    owner.metadata.deletionTimestamp !== undefined && (owner.metadata.finalizers ?? []).includes(FOREGROUND_FINALIZER)
  );
}
