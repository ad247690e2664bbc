import type { KubeObject } from '../../object.ts';

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
}

/** Who owns whom, by uid: the graph the garbage collector walks (K: pkg/controller/garbagecollector/graph.go). */
export class OwnershipIndex {
  readonly #objects = new Map<string, ObjectRef>();
  readonly #dependents = new Map<string, Set<string>>();
  readonly #owners = new Map<string, string[]>();

  upsert(object: KubeObject): void {
    const ref = refOf(object);
    this.#objects.set(ref.uid, ref);
    this.#unlinkOwners(ref.uid);
    const owners = (object.metadata.ownerReferences ?? []).map((o) => o.uid);
    this.#owners.set(ref.uid, owners);
    for (const owner of owners) {
      const set = this.#dependents.get(owner) ?? new Set<string>();
      set.add(ref.uid);
      this.#dependents.set(owner, set);
    }
  }

  remove(uid: string): void {
    this.#objects.delete(uid);
    this.#unlinkOwners(uid);
    this.#owners.delete(uid);
  }

  exists(uid: string): boolean {
    return this.#objects.has(uid);
  }

  ref(uid: string): ObjectRef | undefined {
    return this.#objects.get(uid);
  }

  dependentsOf(uid: string): ObjectRef[] {
    return [...(this.#dependents.get(uid) ?? [])].map((d) => this.#objects.get(d)).filter((d): d is ObjectRef => !!d);
  }

  #unlinkOwners(uid: string): void {
    for (const owner of this.#owners.get(uid) ?? []) {
      const set = this.#dependents.get(owner);
      set?.delete(uid);
      if (set?.size === 0) this.#dependents.delete(owner);
    }
  }
}

export function refOf(object: KubeObject): ObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    name: object.metadata.name!,
    uid: object.metadata.uid!,
  };
}
