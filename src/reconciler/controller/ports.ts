import type { Clock } from '../../clock/index.ts';
import type { KubeObject } from '../../kube/object.ts';
import type {
  OperationPhase,
  ResourceIgnoreDifferences,
  ResourceResult,
  SyncStatusCode,
} from '../application/index.ts';
import type { ClusterClient, ObjectRef } from '../cluster/index.ts';

/**
 * What the controller needs from the live-state cache, the differ and the sync engine (src/reconciler/live, diff,
 * sync/engine). The controller depends on these small ports only; `engines.ts` binds them to the real modules, and
 * tests may bind them to anything with the same behaviour.
 */

/** A kind to watch. */
export interface WatchedKind {
  apiVersion: string;
  kind: string;
}

export interface LiveStatePort {
  /** Starts informers for kinds not watched yet; resolves once their caches are synced. */
  watch(kinds: readonly WatchedKind[]): Promise<void>;
  /** Live objects whose tracking id names this app instance. */
  managedObjects(appInstance: string): KubeObject[];
  /** Managed objects plus untracked objects with a target's identity (gitops-engine `GetManagedLiveObjs`). */
  liveObjects(appInstance: string, targets: KubeObject[]): KubeObject[];
  get(ref: ObjectRef): KubeObject | undefined;
}

export interface LiveStateFactoryOptions {
  client: ClusterClient;
  kubeconfig: import('@kubernetes/client-node').KubeConfig;
  clock: Clock;
  signal: AbortSignal;
  onChange(appInstance: string | undefined, object: KubeObject | undefined, previous: KubeObject | undefined): void;
}

export interface ResourceComparison {
  group: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  status: 'Synced' | 'OutOfSync';
  requiresPruning?: boolean;
  hook?: boolean;
  syncWave: number;
  target?: KubeObject;
  live?: KubeObject;
  diff?: string;
}

export interface AppComparison {
  resources: ResourceComparison[];
  syncStatus: SyncStatusCode;
  /** Per-resource failures (a dry run the server refused, an unknown kind): each becomes a ComparisonError. */
  errors: readonly (string | { message: string })[];
}

export interface CompareInput {
  client: ClusterClient;
  targets: KubeObject[];
  live: KubeObject[];
  ignoreDifferences?: ResourceIgnoreDifferences[];
  fieldManager: string;
  signal?: AbortSignal;
}

export interface SyncOptionsInput {
  prune: boolean;
  dryRun: boolean;
  syncOptions: string[];
  resources?: { group?: string; kind: string; name: string; namespace?: string }[];
  force?: boolean;
  managedNamespaceMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  /** Per-resource status of a comparison at the sync's revision, for ApplyOutOfSyncOnly=true (see the engine). */
  resourceStatuses?: ReadonlyMap<string, 'Synced' | 'OutOfSync'>;
}

export interface SyncStartInput {
  client: ClusterClient;
  clock: Clock;
  getLive(ref: ObjectRef): KubeObject | undefined;
  appInstance: string;
  destinationNamespace: string;
  revision: string;
  targets: KubeObject[];
  live: KubeObject[];
  options: SyncOptionsInput;
  startedAt: number;
  /** Server-side apply field manager (`argocd-controller`). */
  fieldManager?: string;
}

export interface SyncRunState {
  phase: OperationPhase;
  message: string;
  resources: ResourceResult[];
}

/** One sync operation as a state machine (gitops-engine `SyncContext`): advanced by `step()`, read by `state()`. */
export interface SyncRun {
  step(): unknown;
  state(): SyncRunState;
  terminate(): unknown;
}

export interface ControllerEngines {
  createLiveState(options: LiveStateFactoryOptions): LiveStatePort;
  compare(input: CompareInput): Promise<AppComparison>;
  startSync(input: SyncStartInput): SyncRun;
}
