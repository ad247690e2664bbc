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
  state,
} from '../src/scenario/index.ts';
import { field, type Matcher, subjectIs, where } from '../src/timeline/matcher.ts';

interface Deployment {
  spec: { replicas: number };
  status: { readyReplicas?: number; updatedReplicas?: number };
}

const APP = 'letsgo-dev';
const DEPLOYMENT = 'letsgo-dev/backend';
const SERVICE = 'letsgo-dev/backend';
const OVERLAY = 'manifests/overlays/development/kustomization.yaml';

/** The Deployment has `replicas` desired and all of them ready and available. */
const scaledTo = (deployment: string, replicas: number): Matcher =>
  where(
    'deployment',
    'rollout',
    (e) =>
      subjectIs(e.subject, deployment) &&
      Number(e.data?.['replicas']) === replicas &&
      Number(e.data?.['ready']) === replicas &&
      Number(e.data?.['available']) === replicas,
    `deployment ${deployment} has ${replicas}/${replicas} replicas ready`,
  );

const endpointsReady = (service: string, ready: number): Matcher =>
  where(
    'service',
    'endpoints',
    (e) => subjectIs(e.subject, service) && Number(e.data?.['ready']) === ready,
    `service ${service} has ${ready} ready endpoints`,
  );

/** A pod in a namespace became Ready (pod subjects are `namespace/name`). */
const podReadyIn = (namespace: string, app: string): Matcher =>
  where(
    'pod',
    'ready',
    (e) => e.subject.startsWith(`${namespace}/`) && field(e, 'app') === app,
    `pod of ${namespace}/${app} ready`,
  );

/**
 * The GitOps way to scale: change `replicas` in git, push. The push webhook makes the reconciler compare at once
 * (not at the next 2-3 min poll), letsgo-dev's automated sync applies the new count, the Deployment scales up and
 * the new pods join the Service. Nobody touches the cluster; production, in the same repo, is not affected.
 */
export default defineScenario({
  name: 'scale-replicas',
  title: 'Scale by commit: replicas changed in git reach the cluster through webhook and auto-sync',
  description:
    'A commit sets letsgo-dev backend replicas 1 → 3 in the development overlay; the webhook triggers a refresh, ' +
    'auto-sync applies it, two new pods become Ready and join the Service; letsgo-prod stays Synced.',
  timeout: '10m',
  async run(s) {
    const t = expect(s.timeline);
    const before = await s.getJson<Deployment>(['deployment', 'backend', '-n', 'letsgo-dev']);
    await s.verifyState('letsgo-dev backend starts at 1 replica, as in git', async () => ({
      passed: before.spec.replicas === 1 && before.status.readyReplicas === 1,
      message: `spec.replicas ${before.spec.replicas}, ready ${before.status.readyReplicas ?? 0}`,
    }));

    const repo = await s.repo('letsgo');
    await repo.edit(OVERLAY, (text) => text.replace(/(- name: backend\n\s+count:) 1\b/, '$1 3'));
    const commit = await repo.commit('letsgo-dev: scale backend to 3 replicas');
    const pushed = await s.step('git push: development overlay, backend replicas 1 → 3', async () => {
      const event = s.action('git-push', { repo: 'letsgo', commit });
      await repo.push();
      return event;
    });

    // The git server tells the reconciler (webhook) and the recorder of the push as it accepts it.
    await s.verify(t.event(gitPushed('letsgo')).within('30s').after(pushed));
    const received = await s.waitFor(gitPushed('letsgo'), { after: pushed, timeout: '1m' });
    // The webhook, not the poll (every 120 s + up to 60 s jitter), brings the change in: seconds, not minutes.
    await s.verify(t.event(appOutOfSync(APP)).within('45s').after(received));
    await s.step('auto-sync applies the new replica count', () =>
      s.waitFor(operationSucceeded(APP), { after: pushed, timeout: '2m' }),
    );
    await s.verify(t.event(operationSucceeded(APP)).within('1m').after(received));
    await s.verify(
      t
        .event(appSynced(APP, { revision: commit }))
        .within('90s')
        .after(received),
    );

    const scaled = await s.step('the Deployment scales to 3 ready replicas', () =>
      s.waitFor(scaledTo(DEPLOYMENT, 3), { after: pushed, timeout: '3m' }),
    );
    await s.verify(t.event(scaledTo(DEPLOYMENT, 3)).within('2m').after(received));
    await s.verify(t.event(endpointsReady(SERVICE, 3)).within('2m').after(received));
    await s.verify(t.sequence(pushed, appOutOfSync(APP), podReadyIn('letsgo-dev', 'backend'), scaled));
    // Health may pass through Progressing while pods start, but the app is never Degraded by a scale-up.
    await s.verify(t.during(pushed).never(appDegraded(APP)));
    // Scaling up never takes the running pod out of the Service.
    await s.verify(t.during(pushed, scaled).always(state(readyEndpoints(SERVICE), atLeast(1))));
    // The same repo feeds production; its overlay did not change, so it must not drift.
    await s.verify(t.during(pushed).never(appOutOfSync('letsgo-prod')));

    await s.verifyState('letsgo-dev backend runs 3 ready replicas', async () => {
      const now = await s.getJson<Deployment>(['deployment', 'backend', '-n', 'letsgo-dev']);
      return {
        passed: now.spec.replicas === 3 && now.status.readyReplicas === 3 && now.status.updatedReplicas === 3,
        message: `spec.replicas ${now.spec.replicas}, ready ${now.status.readyReplicas ?? 0}`,
      };
    });
    // As `argocd app wait --health`: the refresh after the last pod change may still be on its way.
    await s.waitForAppHealthy(APP);
    await s.verifyAppSyncedAt(APP, commit);
  },
});
