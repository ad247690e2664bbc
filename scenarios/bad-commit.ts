import {
  appOutOfSync,
  appSynced,
  defineScenario,
  expect,
  gitPushed,
  operationSucceeded,
} from '../src/scenario/index.ts';
import { field, type Matcher, matcher, where } from '../src/timeline/matcher.ts';

interface Deployment {
  spec: { replicas: number };
  status: { readyReplicas?: number };
}

interface Application {
  status: {
    sync: { status: string; revision?: string };
    health: { status: string };
    conditions?: { type: string; message: string }[];
  };
}

const APP = 'waves';
const FILE = 'manifests/wave-1-backend.yaml';
const OTHER_APPS = ['letsgo-dev', 'letsgo-prod', 'frontend-dev', 'frontend-prod'];

const appNamed = (e: { subject: string }, app: string) => e.subject === `argocd/${app}`;

const syncUnknown = (app: string): Matcher =>
  where(
    'application',
    'sync-status',
    (e) => appNamed(e, app) && field(e, 'status') === 'Unknown',
    `application ${app} sync status Unknown`,
  );

/** Any operation (sync) of an app: Running, Succeeded, Failed. */
const anyOperation = (app: string): Matcher =>
  where('application', 'operation', (e) => appNamed(e, app), `application ${app} operation`);

/** Any change to what runs in a namespace: a pod created or terminating, a Deployment's spec (generation) moving. */
const workloadChange = (namespace: string): Matcher =>
  matcher(
    `pod or Deployment spec change in ${namespace}`,
    (e) =>
      e.subject.startsWith(`${namespace}/`) &&
      ((e.component === 'pod' && (e.type === 'created' || e.type === 'terminating')) ||
        (e.component === 'deployment' && Number(e.data?.['generation']) > Number(e.data?.['observedGeneration']))),
  );

const otherAppTrouble = matcher(
  `${OTHER_APPS.join(', ')} Degraded, Missing or Unknown`,
  (e) =>
    e.component === 'application' &&
    OTHER_APPS.some((app) => appNamed(e, app)) &&
    ((e.type === 'health' && ['Degraded', 'Missing', 'Unknown'].includes(field(e, 'status'))) ||
      (e.type === 'sync-status' && field(e, 'status') === 'Unknown')),
);

/** The PreSync hook's pod: a sync of waves really ran. */
const migrateStarted = where(
  'pod',
  'created',
  (e) => e.subject.startsWith('waves/migrate-'),
  'the migrate PreSync hook pod created',
);

const backendReplicas = (replicas: number): Matcher =>
  where(
    'deployment',
    'rollout',
    (e) =>
      e.subject === 'waves/backend' &&
      Number(e.data?.['replicas']) === replicas &&
      Number(e.data?.['ready']) === replicas &&
      Number(e.data?.['available']) === replicas,
    `deployment waves/backend has ${replicas}/${replicas} ready`,
  );

/**
 * A commit that does not parse. Argo CD cannot generate manifests at that revision, so it cannot compare: the app
 * shows sync status Unknown with a ComparisonError naming the file, and nothing is applied — the live objects stay
 * as the last good revision left them, and the other apps are not affected. The fixing commit is an ordinary change:
 * it syncs (PreSync hook, waves) like any other.
 */
export default defineScenario({
  name: 'bad-commit',
  title: 'Bad commit: malformed YAML stops the app at a ComparisonError, applies nothing; the fix recovers',
  description:
    'A commit to waves scales backend to 2 but breaks the indentation of wave-1-backend.yaml: waves turns Unknown ' +
    'with a ComparisonError naming the file, no sync runs, the cluster keeps 1 backend pod and the other apps stay ' +
    'Healthy; the fixing commit syncs, runs the migrate hook and scales backend to 2.',
  timeout: '15m',
  async run(s) {
    const t = expect(s.timeline);
    const backend = () => s.getJson<Deployment>(['deployment', 'backend', '-n', 'waves']);
    const waves = async () => (await s.getJson<Application>(['application', APP, '-n', 'argocd'])).status;
    const comparisonError = (status: Application['status']) =>
      status.conditions?.find((c) => c.type === 'ComparisonError');
    const lastGood = (await waves()).sync.revision ?? '';

    const repo = await s.repo('waves');
    // Meant to scale backend to 2; the edit lost a space before `selector:`.
    await repo.edit(FILE, (text) => text.replace(/^ {2}replicas: 1\n {2}selector:/m, '  replicas: 2\n selector:'));
    const bad = await repo.commit('waves: scale backend to 2');
    const badPushed = await s.step('git push: a malformed wave-1-backend.yaml', async () => {
      const event = s.action('git-push', { repo: 'waves', commit: bad });
      await repo.push();
      return event;
    });
    const badReceived = await s.waitFor(gitPushed('waves'), { after: badPushed, timeout: '1m' });

    const unknown = await s.step('waves cannot compare: sync status Unknown', () =>
      s.waitFor(syncUnknown(APP), { after: badReceived, timeout: '2m' }),
    );
    await s.verify(t.event(syncUnknown(APP)).within('45s').after(badReceived));
    await s.verifyState(`waves has a ComparisonError that names ${FILE}`, async () => {
      const status = await waves();
      const condition = comparisonError(status);
      return {
        passed: status.sync.status === 'Unknown' && condition?.message.includes(FILE) === true,
        message: `sync ${status.sync.status}; ComparisonError: ${condition?.message ?? 'none'}`,
      };
    });

    // Give Argo CD a poll or two (every 120 s + up to 60 s jitter): the error stays, and nothing is retried into
    // the cluster.
    await s.step('wait 4 minutes with the bad commit at HEAD', () => s.sleep(4 * 60_000));
    const waited = s.action('waited-with-bad-commit');
    await s.verifyState('still Unknown with the ComparisonError; waves health still Healthy', async () => {
      const status = await waves();
      return {
        passed:
          status.sync.status === 'Unknown' &&
          comparisonError(status) !== undefined &&
          status.health.status === 'Healthy',
        message: `sync ${status.sync.status}, health ${status.health.status}, ComparisonError ${comparisonError(status) ? 'present' : 'absent'}`,
      };
    });
    await s.verifyState('nothing applied: waves backend still has 1 ready replica', async () => {
      const deployment = await backend();
      return {
        passed: deployment.spec.replicas === 1 && deployment.status.readyReplicas === 1,
        message: `spec.replicas ${deployment.spec.replicas}, ready ${deployment.status.readyReplicas ?? 0}`,
      };
    });
    await s.verify(t.during(badPushed, waited).never(anyOperation(APP)));
    await s.verify(t.during(badPushed, waited).never(workloadChange('waves')));
    await s.verify(t.during(unknown, waited).never(appSynced(APP)));

    await repo.edit(FILE, (text) => text.replace(/^ {2}replicas: 2\n selector:/m, '  replicas: 2\n  selector:'));
    const fix = await repo.commit('waves: fix the indentation of wave-1-backend.yaml');
    const fixPushed = await s.step('git push: the fixing commit', async () => {
      const event = s.action('git-push', { repo: 'waves', commit: fix });
      await repo.push();
      return event;
    });
    const fixReceived = await s.waitFor(gitPushed('waves'), { after: fixPushed, timeout: '1m' });
    const synced = await s.step('waves syncs the fixed commit', () =>
      s.waitFor(appSynced(APP, { revision: fix }), { after: fixReceived, timeout: '3m' }),
    );
    await s.verify(t.event(appOutOfSync(APP)).within('45s').after(fixReceived));
    await s.verify(t.event(operationSucceeded(APP)).within('2m').after(fixReceived));
    await s.verify(t.event(backendReplicas(2)).within('2m').after(fixReceived));
    // The ordinary sync: the PreSync migrate hook, then the scaled backend (wave 1), then the operation ends.
    await s.verify(
      t.sequence(fixReceived, appOutOfSync(APP), migrateStarted, backendReplicas(2), operationSucceeded(APP)),
    );
    await s.verify(t.during(badPushed, synced).never(otherAppTrouble));
    // As `argocd app wait waves --health --timeout 60`: the last wave's pods may still be settling.
    await s.step('waves becomes Healthy', async () => {
      const deadline = s.sandbox.clock.now() + 60_000;
      while ((await waves()).health.status !== 'Healthy') {
        if (s.sandbox.clock.now() > deadline) throw new Error('waves is not Healthy 60 s after it synced the fix');
        await s.sleep(2_000);
      }
    });

    await s.verifyState('recovered: Synced at the fix, Healthy, no ComparisonError, 2 backend replicas', async () => {
      const status = await waves();
      const deployment = await backend();
      const condition = comparisonError(status);
      return {
        passed:
          status.sync.status === 'Synced' &&
          status.sync.revision === fix &&
          status.health.status === 'Healthy' &&
          condition === undefined &&
          deployment.status.readyReplicas === 2,
        message:
          `${status.sync.status} at ${status.sync.revision?.slice(0, 7)} (last good was ${lastGood.slice(0, 7)}), ` +
          `${status.health.status}, ComparisonError ${condition ? 'present' : 'cleared'}, ` +
          `${deployment.status.readyReplicas ?? 0} ready`,
      };
    });
  },
});
