import {
  appDegraded,
  appOutOfSync,
  appSynced,
  atLeast,
  defineScenario,
  expect,
  gitPushed,
  operationSucceeded,
  readyEndpoints,
  rolloutComplete,
  state,
} from '../src/scenario/index.ts';
import { field, type Matcher, where } from '../src/timeline/matcher.ts';

interface Pod {
  metadata: { name: string };
  spec: { containers: { name: string; env?: { name: string; value?: string }[] }[] };
  status: { conditions?: { type: string; status: string }[] };
}

const APP = 'letsgo-dev';
const NAMESPACE = 'letsgo-dev';
const DEPLOYMENT = 'letsgo-dev/backend';
const SERVICE = 'letsgo-dev/backend';
const OVERLAY = 'manifests/overlays/development/kustomization.yaml';
const VARIABLE = { name: 'FEATURE_FLAGS', value: 'new-checkout' };

/** A pod of the letsgo-dev backend went through `type`; `which` picks old (listed before the push) or new pods. */
const backendPod = (type: string, which: 'old' | 'new', old: readonly string[]): Matcher =>
  where(
    'pod',
    type,
    (e) =>
      e.subject.startsWith(`${NAMESPACE}/`) &&
      field(e, 'app') === 'backend' &&
      old.includes(e.subject) === (which === 'old'),
    `${which} backend pod ${type}`,
  );

/**
 * A configuration change that needs new pods: an env var added in git changes the pod template, so the sync makes
 * the Deployment roll. With one replica the rolling update (maxSurge 1, maxUnavailable 0) starts the new pod first
 * and retires the old one only once the new one is Ready, so the Service never runs out of endpoints.
 */
export default defineScenario({
  name: 'add-env-var',
  title: 'Add an env var in git: a rolling restart with no moment without endpoints',
  description:
    'A commit adds FEATURE_FLAGS to the letsgo-dev backend container (a kustomize patch in the development ' +
    'overlay); auto-sync changes the pod template, a new pod with the variable becomes Ready before the old one ' +
    'is terminated, and the Service keeps at least one ready endpoint throughout.',
  timeout: '10m',
  async run(s) {
    const t = expect(s.timeline);
    const listPods = async () =>
      (await s.getJson<{ items: Pod[] }>(['pods', '-n', NAMESPACE, '-l', 'app.kubernetes.io/name=backend'])).items;
    const oldPods = (await listPods()).map((p) => `${NAMESPACE}/${p.metadata.name}`);
    const newCreated = backendPod('created', 'new', oldPods);
    const newReady = backendPod('ready', 'new', oldPods);
    const oldGone = backendPod('deleted', 'old', oldPods);
    await s.verifyState('letsgo-dev backend runs one pod before the change', async () => ({
      passed: oldPods.length === 1,
      message: `pods: ${oldPods.join(', ') || 'none'}`,
    }));

    const repo = await s.repo('letsgo');
    await repo.edit(OVERLAY, (text) =>
      text.replace(
        /(patches:\n {2}- path: resources\.yaml\n {4}target:\n {6}kind: Deployment\n)/,
        `$1  - target:\n      kind: Deployment\n      name: backend\n    patch: |-\n      - op: add\n` +
          `        path: /spec/template/spec/containers/0/env\n        value:\n` +
          `          - name: ${VARIABLE.name}\n            value: ${VARIABLE.value}\n`,
      ),
    );
    const commit = await repo.commit(`letsgo-dev: backend gets ${VARIABLE.name}=${VARIABLE.value}`);
    const pushed = await s.step(`git push: ${VARIABLE.name} added to the letsgo-dev backend`, async () => {
      const event = s.action('git-push', { repo: 'letsgo', commit });
      await repo.push();
      return event;
    });

    // The git server tells the reconciler (webhook) and the recorder of the push as it accepts it.
    await s.verify(t.event(gitPushed('letsgo')).within('30s').after(pushed));
    const received = await s.waitFor(gitPushed('letsgo'), { after: pushed, timeout: '1m' });
    await s.verify(t.event(appOutOfSync(APP)).within('45s').after(received));
    await s.verify(t.event(operationSucceeded(APP)).within('1m').after(received));
    await s.step('the Deployment rolls out the new pod template', () =>
      s.waitFor(rolloutComplete(DEPLOYMENT), { after: received, timeout: '4m' }),
    );
    const oldTerminating = await s.waitFor(backendPod('terminating', 'old', oldPods), { after: pushed });
    const oldDeleted = await s.step('the old pod is deleted', () =>
      s.waitFor(oldGone, { after: pushed, timeout: '2m' }),
    );
    await s.verify(t.event(newReady).within('2m').after(received));
    await s.verify(t.event(rolloutComplete(DEPLOYMENT)).within('3m').after(received));
    await s.verify(t.event(oldGone).within('3m').after(received));
    // Surge first: the replacement is Ready before the old pod starts terminating.
    await s.verify(t.sequence(pushed, appOutOfSync(APP), newCreated, newReady, oldTerminating));
    await s.verify(
      t
        .event(appSynced(APP, { revision: commit }))
        .within('2m')
        .after(received),
    );
    // The point of a rolling update: zero ready endpoints is never reached.
    await s.verify(t.during(pushed, oldDeleted).always(state(readyEndpoints(SERVICE), atLeast(1))));
    await s.verify(t.during(pushed).never(appDegraded(APP)));

    await s.verifyState(`every backend pod now has ${VARIABLE.name}, and the old pod is gone`, async () => {
      const pods = await listPods();
      const names = pods.map((p) => `${NAMESPACE}/${p.metadata.name}`);
      const withVariable = pods.filter((p) =>
        p.spec.containers.some((c) => c.env?.some((e) => e.name === VARIABLE.name && e.value === VARIABLE.value)),
      );
      return {
        passed: pods.length === 1 && withVariable.length === 1 && !names.some((n) => oldPods.includes(n)),
        message: `pods ${names.join(', ')}; ${withVariable.length} with ${VARIABLE.name}`,
      };
    });
    // As `argocd app wait --health`: the refresh after the last pod change may still be on its way.
    await s.waitForAppHealthy(APP);
    await s.verifyAppSyncedAt(APP, commit);
  },
});
