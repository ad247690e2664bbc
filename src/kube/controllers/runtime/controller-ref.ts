import type { KubeObject, OwnerReference } from '../../object.ts';

/** The owner reference marked `controller: true`, if any (metav1.GetControllerOf). */
export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((o) => o.controller);
}

/** Whether `object` is controlled by the owner with this uid. */
export function isControlledBy(object: KubeObject, uid: string): boolean {
  return controllerOf(object)?.uid === uid;
}

/** metav1.NewControllerRef: controller and blockOwnerDeletion set, so foreground deletion waits for dependents. */
export function newControllerRef(owner: KubeObject): OwnerReference & { controller: true; blockOwnerDeletion: true } {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}
