import test from 'ava';
import {
  deletePoliciesOf,
  hookTypesOf,
  isHook,
  isSkipped,
  syncPhasesOf,
  waveOf,
} from '../../../../src/reconciler/sync/plan/index.ts';
import { res } from './fixtures.ts';

const withAnnotations = (annotations: Record<string, string>) => res('v1', 'Pod', 'p', { annotations });

test('waves: sync-wave, else helm hook-weight, else 0 (syncwaves/waves.go, strconv.Atoi)', (t) => {
  const cases: [Record<string, string>, number][] = [
    [{}, 0],
    [{ 'argocd.argoproj.io/sync-wave': '5' }, 5],
    [{ 'argocd.argoproj.io/sync-wave': '-2' }, -2],
    [{ 'argocd.argoproj.io/sync-wave': '+3' }, 3],
    [{ 'argocd.argoproj.io/sync-wave': ' 1' }, 0],
    [{ 'argocd.argoproj.io/sync-wave': '1.5', 'helm.sh/hook-weight': '7' }, 7],
    [{ 'helm.sh/hook-weight': '-5' }, -5],
    [{ 'argocd.argoproj.io/sync-wave': '2', 'helm.sh/hook-weight': '7' }, 2],
    [{ 'helm.sh/hook-weight': 'x' }, 0],
  ];
  for (const [annotations, expected] of cases)
    t.is(waveOf(withAnnotations(annotations)), expected, JSON.stringify(annotations));
});

test('hooks: Argo CD annotation first, Helm mapped otherwise (hook.go, helm/type.go)', (t) => {
  const cases: [Record<string, string>, { hook: boolean; skip: boolean; types: string[]; phases: string[] }][] = [
    [{}, { hook: false, skip: false, types: [], phases: ['Sync'] }],
    [{ 'argocd.argoproj.io/hook': 'PreSync' }, { hook: true, skip: false, types: ['PreSync'], phases: ['PreSync'] }],
    [
      { 'argocd.argoproj.io/hook': 'PostSync, PreSync,PreSync' },
      { hook: true, skip: false, types: ['PostSync', 'PreSync'], phases: ['PreSync', 'PostSync'] },
    ],
    [{ 'argocd.argoproj.io/hook': 'Skip' }, { hook: false, skip: true, types: ['Skip'], phases: [] }],
    [
      { 'argocd.argoproj.io/hook': 'Skip,PreSync' },
      { hook: true, skip: false, types: ['Skip', 'PreSync'], phases: ['PreSync'] },
    ],
    [{ 'argocd.argoproj.io/hook': 'PreDelete' }, { hook: true, skip: false, types: [], phases: [] }],
    [
      { 'helm.sh/hook': 'pre-install,pre-upgrade' },
      { hook: true, skip: false, types: ['PreSync', 'PreSync'], phases: ['PreSync'] },
    ],
    [{ 'helm.sh/hook': 'post-upgrade' }, { hook: true, skip: false, types: ['PostSync'], phases: ['PostSync'] }],
    [{ 'helm.sh/hook': 'crd-install' }, { hook: false, skip: false, types: [], phases: ['Sync'] }],
    [{ 'helm.sh/hook': 'test' }, { hook: true, skip: false, types: [], phases: [] }],
    [
      { 'argocd.argoproj.io/hook': 'Sync', 'helm.sh/hook': 'post-install' },
      { hook: true, skip: false, types: ['Sync'], phases: ['Sync'] },
    ],
  ];
  for (const [annotations, expected] of cases) {
    const obj = withAnnotations(annotations);
    t.deepEqual(
      { hook: isHook(obj), skip: isSkipped(obj), types: hookTypesOf(obj), phases: syncPhasesOf(obj) },
      expected,
      JSON.stringify(annotations),
    );
  }
});

test('delete policies: Argo CD then Helm, BeforeHookCreation by default (hook/delete_policy.go)', (t) => {
  const cases: [Record<string, string>, string[]][] = [
    [{}, ['BeforeHookCreation']],
    [{ 'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded,HookFailed' }, ['HookSucceeded', 'HookFailed']],
    [{ 'argocd.argoproj.io/hook-delete-policy': 'Bogus' }, ['BeforeHookCreation']],
    [{ 'helm.sh/hook-delete-policy': 'hook-succeeded,before-hook-creation' }, ['HookSucceeded', 'BeforeHookCreation']],
    [
      { 'argocd.argoproj.io/hook-delete-policy': 'HookFailed', 'helm.sh/hook-delete-policy': 'hook-succeeded' },
      ['HookFailed', 'HookSucceeded'],
    ],
    [{ 'argocd.argoproj.io/hook-delete-policy': 'Never' }, ['Never']],
  ];
  for (const [annotations, expected] of cases) t.deepEqual(deletePoliciesOf(withAnnotations(annotations)), expected);
});
