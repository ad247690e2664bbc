import {
  appDegraded,
  appOutOfSync,
  appSynced,
  defineScenario,
  expect,
  gitPushed,
  operationSucceeded,
} from '../src/scenario/index.ts';
import { field, type Matcher, matcher, where } from '../src/timeline/matcher.ts';

interface Application {
  status: {
    sync: { status: string; revision?: string };
    health: { status: string };
    resources?: { kind: string; name: string; namespace?: string }[];
  };
}

interface Deployment {
  status: { readyReplicas?: number };
}

const APP = 'waves';
const FILE = 'manifests/wave-2-frontend.yaml';

/** A pod of one waves tier (pods carry `app.kubernetes.io/name`) went through `type`. */
const tierPod = (tier: string, type: string): Matcher =>
  where('pod', type, (e) => e.subject.startsWith('waves/') && field(e, 'app') === tier, `waves ${tier} pod ${type}`);

const migrateStarted = where(
  'pod',
  'created',
  (e) => e.subject.startsWith('waves/migrate-'),
  'the migrate PreSync hook pod created',
);

const noEndpoints = (service: string): Matcher =>
  where(
    'service',
    'endpoints',
    (e) => e.subject === service && Number(e.data?.['ready']) === 0 && Number(e.data?.['notReady']) === 0,
    `service ${service} has no endpoints`,
  );

/** The tiers that stay must not be touched by the prune. */
const keptTierDisturbed = matcher(
  'waves database or backend pod terminating or not ready',
  (e) =>
    e.component === 'pod' &&
    e.subject.startsWith('waves/') &&
    ['database', 'backend'].includes(field(e, 'app')) &&
    (e.type === 'terminating' || e.type === 'not-ready' || e.type === 'deleted'),
);

/**
 * Deleting a file from git deletes its resources — when the app prunes. waves has `automated.prune: true`, so
 * removing the frontend tier (its Deployment and Service, wave 2) makes the app OutOfSync with both marked
 * requiresPruning, and the automated sync (PreSync hook first, as every full sync) deletes them: the frontend pod
 * terminates, the Service's endpoints go, and the app ends Synced with two tiers. The database and backend tiers,
 * still in git, are not touched.
 */
export default defineScenario({
  name: 'prune',
  title: 'Prune: a file removed from git takes its Deployment and Service out of the cluster',
  description:
    'A commit removes wave-2-frontend.yaml from waves (automated sync with prune): the sync runs the migrate hook ' +
    'and prunes Deployment and Service frontend, whose pod terminates; database and backend keep running; waves ' +
    'ends Synced and Healthy without the frontend resources.',
  timeout: '10m',
  async run(s) {
    const t = expect(s.timeline);
    const exists = async (resource: string) => {
      const { stdout } = await s.kubectl(['get', resource, '-n', 'waves', '--ignore-not-found', '-o', 'name']);
      return stdout.trim() !== '';
    };
    await s.verifyState('waves runs the frontend tier before the change', async () => {
      const deployment = await exists('deployment/frontend');
      const service = await exists('service/frontend');
      return { passed: deployment && service, message: `deployment ${deployment}, service ${service}` };
    });

    const repo = await s.repo('waves');
    await repo.remove(FILE);
    const commit = await repo.commit('waves: retire the frontend tier');
    const pushed = await s.step(`git rm ${FILE} and push`, async () => {
      const event = s.action('git-push', { repo: 'waves', commit });
      await repo.push();
      return event;
    });
    const received = await s.waitFor(gitPushed('waves'), { after: pushed, timeout: '1m' });

    await s.verify(t.event(appOutOfSync(APP)).within('45s').after(received));
    await s.step('waves syncs with prune', () =>
      s.waitFor(operationSucceeded(APP), { after: received, timeout: '3m' }),
    );
    await s.verify(t.event(operationSucceeded(APP)).within('2m').after(received));
    await s.verify(t.event(tierPod('frontend', 'terminating')).within('2m').after(received));
    await s.verify(t.event(tierPod('frontend', 'deleted')).within('2m').after(received));
    await s.verify(t.event(noEndpoints('waves/frontend')).within('2m').after(received));
    await s.verify(
      t
        .event(appSynced(APP, { revision: commit }))
        .within('2m')
        .after(received),
    );
    // A full sync: the PreSync hook runs first, then the prune.
    await s.verify(t.sequence(received, appOutOfSync(APP), migrateStarted, tierPod('frontend', 'terminating')));
    await s.verify(t.during(received).never(keptTierDisturbed));
    await s.verify(t.during(received).never(appDegraded(APP)));

    await s.verifyState('Deployment and Service frontend are gone from the cluster', async () => {
      const deployment = await exists('deployment/frontend');
      const service = await exists('service/frontend');
      return {
        passed: !deployment && !service,
        message: `deployment exists: ${deployment}, service exists: ${service}`,
      };
    });
    await s.verifyState('database and backend still run one ready replica each', async () => {
      const ready = async (name: string) =>
        (await s.getJson<Deployment>(['deployment', name, '-n', 'waves'])).status.readyReplicas ?? 0;
      const [database, backend] = [await ready('database'), await ready('backend')];
      return { passed: database === 1 && backend === 1, message: `database ${database}, backend ${backend} ready` };
    });
    await s.verifyState('waves is Synced at the commit and no longer lists frontend', async () => {
      const status = (await s.getJson<Application>(['application', APP, '-n', 'argocd'])).status;
      const listed = (status.resources ?? []).filter((r) => r.name === 'frontend').map((r) => r.kind);
      return {
        passed: status.sync.status === 'Synced' && status.sync.revision === commit && listed.length === 0,
        message:
          `${status.sync.status} at ${status.sync.revision?.slice(0, 7)}, ${status.health.status}; ` +
          `frontend resources listed: ${listed.join(', ') || 'none'}`,
      };
    });
  },
});
