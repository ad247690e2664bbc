import type { KubeObject } from '../../../kube/object.ts';
import { ANNOTATION, annotationCsv, annotationOf } from './annotations.ts';

export const SYNC_PHASES = ['PreSync', 'Sync', 'PostSync', 'SyncFail'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

/** Argo CD hook types. PreDelete/PostDelete run on app deletion, never in a sync (argo-cd `common`, GE `NewHookType`). */
export type HookType = SyncPhase | 'Skip' | 'PreDelete' | 'PostDelete';
const SYNC_HOOK_TYPES: readonly string[] = [...SYNC_PHASES, 'Skip'];

/**
 * Hook delete policies. `Never` is gitops-engine's newest (argo-cd 3.x types.go: the hook is applied but never
 * deleted automatically). With none given, BeforeHookCreation applies (hook/delete_policy.go).
 */
export type HookDeletePolicy = 'HookSucceeded' | 'HookFailed' | 'BeforeHookCreation' | 'Never';
const DELETE_POLICIES: readonly string[] = ['HookSucceeded', 'HookFailed', 'BeforeHookCreation', 'Never'];

/** Helm hook types Argo CD maps (hook/helm/type.go); other Helm hooks (test, pre-delete, …) are not sync hooks. */
const HELM_HOOK_TYPES: Record<string, SyncPhase> = {
  'pre-install': 'PreSync',
  'pre-upgrade': 'PreSync',
  'post-install': 'PostSync',
  'post-upgrade': 'PostSync',
};
const HELM_DELETE_POLICIES: Record<string, HookDeletePolicy> = {
  'before-hook-creation': 'BeforeHookCreation',
  'hook-succeeded': 'HookSucceeded',
  'hook-failed': 'HookFailed',
};

/** Finalizer that keeps a hook's object until the sync has read its outcome (gitops-engine hook.HookFinalizer). */
export const HOOK_FINALIZER = 'argocd.argoproj.io/hook-finalizer';

/**
 * The hook types of an object. Argo CD's annotation wins; only when it yields no recognised type are Helm's
 * `helm.sh/hook` values mapped (hook/hook.go `Types`).
 */
export function hookTypesOf(obj: KubeObject): HookType[] {
  const argo = annotationCsv(obj, ANNOTATION.hook).filter((t): t is SyncPhase | 'Skip' => SYNC_HOOK_TYPES.includes(t));
  if (argo.length > 0) return argo;
  return annotationCsv(obj, ANNOTATION.helmHook).flatMap((t) => {
    const mapped = HELM_HOOK_TYPES[t];
    return mapped ? [mapped] : [];
  });
}

/** `Skip` alone: the object is neither applied nor a hook (hook.go `Skip`). */
export function isSkipped(obj: KubeObject): boolean {
  const types = hookTypesOf(obj);
  return types.includes('Skip') && types.length === 1;
}

/**
 * Whether an object is a hook: it carries `argocd.argoproj.io/hook` (any value but a lone Skip, so PreDelete hooks
 * count), or a Helm hook other than `crd-install`, which Helm uses to mark CRDs that are not hooks (hook.go, helm/hook.go).
 */
export function isHook(obj: KubeObject): boolean {
  if (annotationOf(obj, ANNOTATION.hook) !== undefined) return !isSkipped(obj);
  const helm = annotationOf(obj, ANNOTATION.helmHook);
  return helm !== undefined && helm !== 'crd-install';
}

/** Argo CD delete policies then Helm's mapped ones; BeforeHookCreation when there are none (hook/delete_policy.go). */
export function deletePoliciesOf(obj: KubeObject): HookDeletePolicy[] {
  const policies = annotationCsv(obj, ANNOTATION.hookDeletePolicy).filter((p): p is HookDeletePolicy =>
    DELETE_POLICIES.includes(p),
  );
  for (const p of annotationCsv(obj, ANNOTATION.helmHookDeletePolicy)) {
    const mapped = HELM_DELETE_POLICIES[p];
    if (mapped) policies.push(mapped);
  }
  return policies.length > 0 ? policies : ['BeforeHookCreation'];
}

/**
 * The sync phases an object takes part in (gitops-engine sync_phase.go): none when skipped, the hook's sync phases
 * (de-duplicated, in phase order) for a hook — none for a PreDelete-only hook —, else just Sync.
 */
export function syncPhasesOf(obj: KubeObject): SyncPhase[] {
  if (isSkipped(obj)) return [];
  if (!isHook(obj)) return ['Sync'];
  const types = hookTypesOf(obj);
  return SYNC_PHASES.filter((phase) => types.includes(phase));
}

export function hasHookFinalizer(obj: KubeObject): boolean {
  return obj.metadata.finalizers?.includes(HOOK_FINALIZER) ?? false;
}
