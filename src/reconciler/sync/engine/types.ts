import type { Clock } from '../../../clock/index.ts';
import type { KubeObject } from '../../../kube/object.ts';
import type { ClusterClient, ObjectRef } from '../../cluster/index.ts';
import type { AppSyncOptions, HookType, SyncPhase } from '../plan/index.ts';

/** App-level sync options as `parseSyncOptions` returns them. */
export type SyncOptions = AppSyncOptions;

/** Argo CD's operation phases (gitops-engine pkg/sync/common/types.go `OperationPhase`). */
export type OperationPhase = 'Running' | 'Succeeded' | 'Failed' | 'Error' | 'Terminating';

/** Per-resource result codes (gitops-engine `ResultCode`). */
export type ResultCode = 'Synced' | 'SyncFailed' | 'Pruned' | 'PruneSkipped';

/** One entry of `operationState.syncResult.resources`, as Argo CD writes it (gitops-engine `ResourceSyncResult`). */
export interface SyncResourceResult {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status: ResultCode;
  message: string;
  /** Set for hooks only: the hook type, which is the phase the hook ran in. */
  hookType?: HookType;
  /** The task's own operation phase; gitops-engine records it for every task, hooks or not. */
  hookPhase?: OperationPhase;
  syncPhase: SyncPhase;
}

export interface SyncState {
  phase: OperationPhase;
  message: string;
  /** In the order the results were first recorded, as gitops-engine `GetState` sorts them. */
  resources: SyncResourceResult[];
  /** While Running: what the sync waits for, e.g. `healthy state of apps/Deployment/web and 1 more resources`. */
  waitingFor?: string;
}

/** The live object as the caller's watches see it now (`LiveStateCache.get`); undefined when it does not exist. */
export type GetLive = (ref: ObjectRef) => KubeObject | undefined;

export interface SyncOperationOptions {
  /** Delete live objects that have no target; otherwise they end PruneSkipped "ignored (requires pruning)". */
  prune: boolean;
  /** Only the dry run: nothing is applied, the operation Succeeds when the dry run passes. */
  dryRun: boolean;
  syncOptions: SyncOptions;
  /** Selective sync: only these resources (matched by group, kind, name and namespace if given); no hooks run. */
  resources?: ObjectRef[];
  /** `kubectl replace --force` for Replace, a forced conflict take-over for apply (always on for SSA here). */
  force?: boolean;
  /** `spec.syncPolicy.managedNamespaceMetadata`, set on the namespace CreateNamespace=true creates or updates. */
  managedNamespaceMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  /**
   * The comparison's status per resource, keyed by `resourceKey` (group/kind/namespace/name). With
   * ApplyOutOfSyncOnly=true a resource Synced here is not applied (gitops-engine `WithResourceModificationChecker`).
   */
  resourceStatuses?: ReadonlyMap<string, 'Synced' | 'OutOfSync'>;
  /** Confirms every `Prune=confirm` resource (Argo CD's deletion-approved annotation); otherwise the sync waits. */
  pruneConfirmed?: boolean;
}

export interface SyncContextOptions {
  client: ClusterClient;
  clock: Clock;
  getLive: GetLive;
  /** The app instance name of tracking ids (`<app>` or `<appNs>_<app>`); for messages. */
  appInstance: string;
  destinationNamespace: string;
  revision: string;
  /** Rendered manifests, hooks included, already carrying tracking ids. */
  targets: KubeObject[];
  /** The objects the app manages now (from the live state cache); those without a target are pruned. */
  live: KubeObject[];
  options: SyncOperationOptions;
  /** Server-side apply field manager; Argo CD's is `argocd-controller`. */
  fieldManager?: string;
  /** Operation start, epoch ms on `clock`: names generateName hooks. */
  startedAt: number;
  /** Delay after each non-final wave, ms (Argo CD `ARGOCD_SYNC_WAVE_DELAY`, default 2 s). */
  waveDelayMs?: number;
  signal?: AbortSignal;
}
