import type { KubeObject } from '../../object.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A change to one stored object, kept in the store's history so watches can resume from a resourceVersion. */
export interface StoreEvent {
  type: WatchEventType;
  /** The store revision the change produced (the object's new resourceVersion, or the deletion's). */
  revision: number;
  /** The resource's storage key ("apps/deployments"). */
  resource: string;
  object: KubeObject;
  /** The object before the change (MODIFIED and DELETED), so handlers get both old and new. */
  previous?: KubeObject;
}
