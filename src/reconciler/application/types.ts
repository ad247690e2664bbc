import type { KubeObject } from '../../kube/object.ts';
import type { HealthStatusCode } from '../health/status.ts';

/** `argoproj.io/v1alpha1` Application, the subset the sandbox implements (digest §1, argo-cd types.go). */
export interface Application extends KubeObject {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Application';
  spec: ApplicationSpec;
  status?: ApplicationStatus;
  operation?: Operation;
}

export interface ApplicationSource {
  repoURL: string;
  targetRevision?: string;
  path?: string;
  chart?: string;
  /** Only in `sources[]`: name other sources use as `$ref/...` in valueFiles. */
  ref?: string;
  name?: string;
  helm?: {
    valueFiles?: string[];
    parameters?: { name: string; value: string; forceString?: boolean }[];
    values?: string;
    valuesObject?: Record<string, unknown>;
    releaseName?: string;
  };
  kustomize?: { images?: string[] };
  directory?: { recurse?: boolean; include?: string; exclude?: string };
}

export interface RetryStrategy {
  /** Retries after the first attempt; negative = unlimited; 0 = none. */
  limit?: number;
  backoff?: { duration?: string; factor?: number; maxDuration?: string };
}

export interface SyncPolicy {
  automated?: { enabled?: boolean; prune?: boolean; selfHeal?: boolean; allowEmpty?: boolean };
  syncOptions?: string[];
  retry?: RetryStrategy;
  managedNamespaceMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

export interface ResourceIgnoreDifferences {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

export interface ApplicationSpec {
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination: { server?: string; name?: string; namespace?: string };
  project: string;
  syncPolicy?: SyncPolicy;
  ignoreDifferences?: ResourceIgnoreDifferences[];
  revisionHistoryLimit?: number;
  info?: { name: string; value: string }[];
}

export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';
export type OperationPhase = 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded';
export type ResultCode = 'Synced' | 'SyncFailed' | 'Pruned' | 'PruneSkipped';
export type ApplicationConditionType =
  | 'InvalidSpecError'
  | 'ComparisonError'
  | 'SyncError'
  | 'UnknownError'
  | 'DeletionError'
  | 'SharedResourceWarning'
  | 'RepeatedResourceWarning'
  | 'ExcludedResourceWarning'
  | 'OrphanedResourceWarning';

export interface SyncOperation {
  revision?: string;
  revisions?: string[];
  prune?: boolean;
  dryRun?: boolean;
  syncStrategy?: { apply?: { force?: boolean }; hook?: { force?: boolean } };
  resources?: { group?: string; kind: string; name: string; namespace?: string }[];
  syncOptions?: string[];
}

export interface Operation {
  sync?: SyncOperation;
  initiatedBy?: { username?: string; automated?: boolean };
  retry?: RetryStrategy;
}

export interface ResourceResult {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  status?: ResultCode;
  message?: string;
  hookType?: string;
  hookPhase?: OperationPhase;
  syncPhase?: string;
}

export interface ApplicationStatus {
  sync?: {
    status: SyncStatusCode;
    revision?: string;
    revisions?: string[];
    comparedTo?: {
      source?: ApplicationSource;
      sources?: ApplicationSource[];
      destination?: ApplicationSpec['destination'];
    };
  };
  health?: { status: HealthStatusCode; message?: string };
  history?: {
    id: number;
    revision?: string;
    revisions?: string[];
    deployedAt: string;
    deployStartedAt?: string;
    source?: ApplicationSource;
    sources?: ApplicationSource[];
    initiatedBy?: Operation['initiatedBy'];
  }[];
  resources?: {
    group?: string;
    version: string;
    kind: string;
    namespace?: string;
    name: string;
    status?: SyncStatusCode;
    health?: { status: HealthStatusCode; message?: string };
    hook?: boolean;
    requiresPruning?: boolean;
    syncWave?: number;
  }[];
  conditions?: { type: ApplicationConditionType; message: string; lastTransitionTime?: string }[];
  operationState?: {
    operation: Operation;
    phase: OperationPhase;
    message?: string;
    syncResult?: {
      revision: string;
      revisions?: string[];
      source?: ApplicationSource;
      sources?: ApplicationSource[];
      resources?: ResourceResult[];
    };
    startedAt: string;
    finishedAt?: string;
    retryCount?: number;
  };
  reconciledAt?: string;
  summary?: { images?: string[]; externalURLs?: string[] };
}
