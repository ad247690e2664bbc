import {
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
import { field, type Matcher, matcher, where } from '../src/timeline/matcher.ts';

interface Application {
  metadata: { name: string };
  status: {
    sync: { status: string; revision?: string };
    health: { status: string };
    conditions?: { type: string; message: string }[];
  };
}

interface Deployment {
  spec: { replicas: number };
  status: { readyReplicas?: number };
}

const APP = 'letsgo-dev';
const OVERLAY = 'manifests/overlays/development/kustomization.yaml';
/** Every Application of the world reads git: the root (apps repo) and its five children. */
const APPS = ['root', 'letsgo-dev', 'letsgo-prod', 'frontend-dev', 'frontend-prod', 'waves'];

const syncUnknown = (app: string): Matcher =>
  where(
    'application',
    'sync-status',
    (e) => e.subject === `argocd/${app}` && field(e, 'status') === 'Unknown',
    `application ${app} sync status Unknown`,
  );

/** Anything that takes a workload away: a pod terminating or deleted, anywhere. */
const podLost = matcher(
  'a pod terminating or deleted',
  (e) => e.component === 'pod' && ['terminating', 'deleted'].includes(e.type),
);

const appTrouble = matcher(
  'application Degraded or Missing',
  (e) => e.component === 'application' && e.type === 'health' && ['Degraded', 'Missing'].includes(field(e, 'status')),
);

/**
 * The git server goes away. Argo CD cannot resolve or fetch the target revision any more: every refresh ends in a
 * ComparisonError (sync status Unknown) — but it never touches what runs, so no pod goes away. A push made during
 * the outage is refused; the commit stays in the working copy and, pushed after the git server is back, syncs like
 * any other: nothing is lost. Apps nobody pushed to recover at their next poll.
 *
 * Bounds allow for either kind of outage: the embedded git server answers 503 at once; on kind its container is
 * paused, so git calls hang until the reconciler's 90 s git timeout (Argo CD's ARGOCD_EXEC_TIMEOUT) and a push
 * gets no answer at all.
 */
export default defineScenario({
  name: 'git-outage',
  title: 'Git outage: refreshes fail with a ComparisonError, workloads keep running; the held commit syncs after',
  description:
    'The git server goes down: a refresh of letsgo-dev ends in a ComparisonError (Unknown), a push is refused, no ' +
    'pod is lost and the Service keeps its endpoints; once git is back the held commit (backend 1 → 2 replicas) is ' +
    'pushed and synced, and every app is Synced again without its ComparisonError.',
  timeout: '20m',
  async run(s) {
    const t = expect(s.timeline);
    const app = (name: string) => s.getJson<Application>(['application', name, '-n', 'argocd']);
    const comparisonError = (a: Application) => a.status.conditions?.find((c) => c.type === 'ComparisonError');
    const before = (await app(APP)).status.sync.revision ?? '';
    // The working copy is cloned while git is up; commits can be made in it whatever the server does.
    const repo = await s.repo('letsgo');

    const outage = await s.step('git server outage', async () => {
      const event = s.action('git-outage');
      await s.sandbox.faults.gitOutage();
      return event;
    });

    // The Refresh button (`argocd app get --refresh`): Argo CD resolves the branch again, and cannot.
    const { event: refresh } = await s.step('refresh letsgo-dev', () =>
      s.kubectl(['annotate', 'application', APP, '-n', 'argocd', 'argocd.argoproj.io/refresh=normal', '--overwrite']),
    );
    await s.verify(t.event(syncUnknown(APP)).within('2m').after(refresh));
    await s.verifyState('letsgo-dev shows a ComparisonError and keeps its health', async () => {
      const a = await app(APP);
      const condition = comparisonError(a);
      return {
        passed: a.status.sync.status === 'Unknown' && condition !== undefined && a.status.health.status === 'Healthy',
        message: `sync ${a.status.sync.status}, health ${a.status.health.status}; ComparisonError: ${condition?.message ?? 'none'}`,
      };
    });

    // A commit made during the outage: the push is refused, the commit stays in the working copy.
    await repo.edit(OVERLAY, (text) => text.replace(/(- name: backend\n\s+count:) 1\b/, '$1 2'));
    const commit = await repo.commit('letsgo-dev: backend to 2 replicas (made during the git outage)');
    const refused = await s.step('git push during the outage fails', async () => {
      s.action('git-push', { repo: 'letsgo', commit, during: 'outage' });
      // A server that answers refuses the push; a paused one never answers: give up after a minute either way.
      const outcome = await Promise.race([
        repo.push().then(
          () => undefined,
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        ),
        s.sleep(60_000).then(() => 'no answer from the git server within 60 s'),
      ]);
      if (outcome === undefined) throw new Error('the push went through although the git server is down');
      return outcome;
    });
    await s.verifyState('the push during the outage did not reach the server', async () => ({
      passed: /503|unavailable|unable to access|no answer/i.test(refused),
      message: refused.trim().split('\n').at(-1) ?? refused,
    }));

    // Polls (every 120 s + up to 60 s jitter, + up to 90 s for git to time out) reach every app: each one fails to
    // compare in turn.
    await s.step('the outage lasts 5 minutes', () => s.sleep(5 * 60_000 - (s.sandbox.clock.now() - outage.at)));
    for (const name of APPS) await s.verify(t.event(syncUnknown(name)).within('5m').after(outage));
    const restore = await s.step('git server back', async () => {
      const event = s.action('git-restored');
      await s.sandbox.faults.restoreGit();
      return event;
    });
    await s.verify(t.during(outage, restore).never(podLost));
    await s.verify(t.during(outage, restore).never(appTrouble));
    await s.verify(t.during(outage, restore).never(operationSucceeded(APP)));
    await s.verify(t.during(outage, restore).always(state(readyEndpoints('letsgo-dev/backend'), atLeast(1))));
    await s.verify(t.during(outage, restore).always(state(readyEndpoints('letsgo-prod/backend'), atLeast(3))));

    // Nothing was lost: the held commit goes out now and syncs as any push does. (On kind the hung push of the
    // outage may deliver it by itself once the server resumes; then this one finds the branch up to date.)
    await s.step('git push the held commit', async () => {
      s.action('git-push', { repo: 'letsgo', commit });
      await repo.push();
    });
    const received = await s.waitFor(gitPushed('letsgo'), { after: restore, timeout: '1m' });
    const synced = await s.step('letsgo-dev syncs the held commit', () =>
      s.waitFor(appSynced(APP, { revision: commit }), { after: received, timeout: '3m' }),
    );
    await s.verify(t.event(operationSucceeded(APP)).within('1m').after(received));
    await s.verify(t.event(synced).within('90s').after(received));
    await s.verify(t.sequence(restore, received, appOutOfSync(APP), operationSucceeded(APP)));
    // The others recover at their next poll (letsgo-prod at once: the push to letsgo refreshes it too). The root
    // may already have cleared its error during the outage: a refresh caused by its child Applications changing
    // compares with the manifests of the last revision it knows, without asking git.
    for (const name of APPS.filter((a) => a !== APP && a !== 'root')) {
      await s.verify(t.event(appSynced(name)).within('4m').after(restore));
    }
    await s.step('every app is Synced again', async () => {
      const deadline = s.sandbox.clock.now() + 4 * 60_000;
      for (;;) {
        const states = await Promise.all(APPS.map(app));
        if (states.every((a) => a.status.sync.status === 'Synced' && !comparisonError(a))) return;
        if (s.sandbox.clock.now() > deadline) {
          throw new Error(
            `not all apps Synced 4 min after git came back: ${states.map((a) => `${a.metadata.name} ${a.status.sync.status}`).join(', ')}`,
          );
        }
        await s.sleep(5_000);
      }
    });
    await s.verifyState('letsgo-dev runs the held commit: 2 ready backend replicas, no ComparisonError', async () => {
      const a = await app(APP);
      const deployment = await s.getJson<Deployment>(['deployment', 'backend', '-n', 'letsgo-dev']);
      return {
        passed:
          a.status.sync.revision === commit &&
          comparisonError(a) === undefined &&
          deployment.spec.replicas === 2 &&
          deployment.status.readyReplicas === 2,
        message:
          `${a.status.sync.status} at ${a.status.sync.revision?.slice(0, 7)} (was ${before.slice(0, 7)}), ` +
          `ComparisonError ${comparisonError(a) ? 'present' : 'cleared'}, ` +
          `${deployment.status.readyReplicas ?? 0}/${deployment.spec.replicas} ready`,
      };
    });
  },
});
