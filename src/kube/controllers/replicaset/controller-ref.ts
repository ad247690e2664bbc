import type { KubeApi } from '../../apiserver/kube-api.ts';
import type { LabelSelector } from '../../labels/index.ts';
import type { KubeObject } from '../../object.ts';
import { controllerOf, newControllerRef } from '../runtime/controller-ref.ts';

export interface ClaimOptions<T extends KubeObject> {
  api: KubeApi;
  owner: KubeObject;
  selector: LabelSelector;
  candidates: T[];
  fieldManager: string;
}

/**
 * Adopts orphans the selector matches and releases owned objects it no longer matches; returns what the owner
 * controls afterwards (K: pkg/controller/controller_ref_manager.go ClaimObject). Objects controlled by someone else,
 * in another namespace, or being deleted are left alone; an owner being deleted adopts and releases nothing.
 * Before adopting, the owner is read fresh so a deleted or re-created owner never adopts (RecheckDeletionTimestamp).
 */
export function claim<T extends KubeObject>(options: ClaimOptions<T>): T[] {
  const { api, owner, selector, candidates, fieldManager } = options;
  const ownerUid = owner.metadata.uid!;
  const deleting = owner.metadata.deletionTimestamp !== undefined;
  const claimed: T[] = [];
  let adoptable: boolean | undefined;
  for (const object of candidates) {
    const matches = selector.matches(object.metadata.labels ?? {});
    const ref = controllerOf(object);
    if (ref) {
      if (ref.uid !== ownerUid) continue;
      if (matches) claimed.push(object);
      else if (!deleting) release(api, object, ownerUid, fieldManager);
      continue;
    }
    if (deleting || !matches || object.metadata.deletionTimestamp) continue;
    if (object.metadata.namespace !== owner.metadata.namespace) continue;
    adoptable ??= canAdopt(api, owner);
    if (!adoptable) continue;
    const adopted = adopt(api, object, owner, fieldManager);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

function canAdopt(api: KubeApi, owner: KubeObject): boolean {
  const fresh = api.get(owner.apiVersion, owner.kind, owner.metadata.namespace, owner.metadata.name!);
  return fresh?.metadata.uid === owner.metadata.uid && !fresh?.metadata.deletionTimestamp;
}

function adopt<T extends KubeObject>(api: KubeApi, object: T, owner: KubeObject, fieldManager: string): T | undefined {
  const fresh = api.get(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name!);
  if (!fresh || fresh.metadata.uid !== object.metadata.uid || controllerOf(fresh)) return undefined;
  const ownerReferences = [...(fresh.metadata.ownerReferences ?? []), newControllerRef(owner)];
  return api.update({ ...fresh, metadata: { ...fresh.metadata, ownerReferences } }, { fieldManager }) as T;
}

function release(api: KubeApi, object: KubeObject, ownerUid: string, fieldManager: string): void {
  const fresh = api.get(object.apiVersion, object.kind, object.metadata.namespace, object.metadata.name!);
  if (!fresh || fresh.metadata.uid !== object.metadata.uid) return;
  const ownerReferences = (fresh.metadata.ownerReferences ?? []).filter((o) => o.uid !== ownerUid);
  api.update({ ...fresh, metadata: { ...fresh.metadata, ownerReferences } }, { fieldManager });
}
