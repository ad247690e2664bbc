import type { KubeObject } from '../../kube/object.ts';
import type { ResourceIgnoreDifferences } from '../application/types.ts';
import type { ClusterClient } from '../cluster/index.ts';
import type { DryRunCache } from './dry-run-cache.ts';

export interface CompareAppOptions {
  client: ClusterClient;
  /** Rendered objects, already carrying the tracking id; hooks may be included (they are not compared). */
  targets: KubeObject[];
  /** The app's live objects, e.g. `LiveStateCache.managedObjects(app)` or `liveObjects(app, targets)`. */
  live: KubeObject[];
  ignoreDifferences?: ResourceIgnoreDifferences[];
  /** The field manager the sync applies with; the dry run predicts what that apply would make of live. */
  fieldManager: string;
  signal?: AbortSignal;
  /** How many dry-run applies run at once (default 8). */
  concurrency?: number;
  /** Reuses dry-run results while neither the target nor the live object changed; share one per controller. */
  dryRunCache?: DryRunCache;
}

export type ResourceSyncStatus = 'Synced' | 'OutOfSync';

/** One row of `status.resources`, plus what `app diff` shows (Argo CD `ResourceStatus` + `ResourceDiff`). */
export interface ResourceComparison {
  group: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  /** Hooks and `Skip` resources are always reported Synced: Argo CD leaves their status empty, we have no empty. */
  status: ResourceSyncStatus;
  requiresPruning?: boolean;
  hook?: boolean;
  syncWave: number;
  target?: KubeObject;
  live?: KubeObject;
  /** What live would be after the sync's apply (server-side dry run), before normalization; read-only (it may be cached). */
  predicted?: KubeObject;
  /** Unified YAML diff of normalized live → normalized predicted; absent when equal or not compared. */
  diff?: string;
}

export interface AppComparison {
  resources: ResourceComparison[];
  syncStatus: ResourceSyncStatus;
  /** Comparison failures (dry runs refused by the server, unsupported ignoreDifferences); ComparisonError material. */
  errors: string[];
}
