import {
  appDegraded,
  appHealthy,
  appProgressing,
  appSynced,
  atLeast,
  defineScenario,
  expect,
  gitPushed,
  operationSucceeded,
  readyEndpoints,
  rolloutComplete,
  state,
  tagPushed,
} from '../src/scenario/index.ts';
import { field, type Matcher, where } from '../src/timeline/matcher.ts';

interface Deployment {
  spec: { template: { spec: { containers: { image: string }[] } } };
  status: { readyReplicas?: number; updatedReplicas?: number; replicas?: number };
}

const APP = 'frontend-dev';
const DEPLOYMENT = 'dev/frontend';
const SERVICE = 'dev/frontend';
const REPOSITORY = 'frontend-helm/frontend';
const TAG = 'v1.1.0';
const VALUES = 'chart/values.yaml';

/** A pod of dev/frontend (running a tag, when given) went through `type`. */
const frontendPod = (type: string, tag?: string): Matcher =>
  where(
    'pod',
    type,
    (e) =>
      e.subject.startsWith('dev/frontend-') &&
      (tag === undefined || ((e.data?.['images'] as string[] | undefined) ?? []).some((i) => i.endsWith(`:${tag}`))),
    `dev/frontend pod ${type}${tag ? ` with :${tag}` : ''}`,
  );

const pullFailed = (reason: string): Matcher =>
  where(
    'pod',
    'failed',
    (e) => e.subject.startsWith('dev/frontend-') && field(e, 'reason') === reason,
    `dev/frontend pod failed (${reason})`,
  );

/**
 * The registry goes down just as a new version rolls out. The tag was published before the outage, so git and Argo
 * CD have nothing to complain about: frontend-dev syncs and the Deployment starts a surge pod — which cannot pull
 * its image (ErrImagePull, then ImagePullBackOff). The old pods had their image already, so they keep serving at full
 * capacity (maxUnavailable 0): the Service never has fewer than 2 ready endpoints. Once the registry is back, the
 * kubelet's next pull attempt (after its back-off) succeeds and the rollout completes on its own.
 */
export default defineScenario({
  name: 'registry-outage',
  title: 'Registry outage during a rollout: ImagePullBackOff, old pods keep serving, back-off recovery after',
  description:
    `${REPOSITORY}:${TAG} is published, then the registry goes down and a commit on develop rolls frontend-dev to ` +
    `${TAG}: the surge pod fails to pull (ErrImagePull, ImagePullBackOff) while the two old pods keep the Service ` +
    'at 2 ready endpoints; after the registry is back the pull is retried and the rollout completes.',
  timeout: '20m',
  async run(s) {
    const t = expect(s.timeline);
    const frontend = () => s.getJson<Deployment>(['deployment', 'frontend', '-n', 'dev']);
    const application = () =>
      s.getJson<{ status: { health: { status: string } } }>(['application', APP, '-n', 'argocd']);

    const published = await s.step(`publish ${REPOSITORY}:${TAG}`, async () => {
      const event = s.action('publish-image', { image: `${REPOSITORY}:${TAG}` });
      await s.sandbox.publishImage({ repository: REPOSITORY, tag: TAG });
      return event;
    });
    await s.verify(t.event(tagPushed(REPOSITORY, TAG)).within('1m').after(published));

    const repo = await s.repo('frontend-helm', { branch: 'develop' });
    const outage = await s.step('registry outage', async () => {
      const event = s.action('registry-outage');
      await s.sandbox.faults.registryOutage();
      return event;
    });

    await repo.edit(VALUES, (text) => text.replace(/^ {2}tag: v1\.0\.0$/m, `  tag: ${TAG}`));
    const commit = await repo.commit(`frontend: ${TAG}`);
    const pushed = await s.step(`git push: frontend-dev to ${TAG}`, async () => {
      const event = s.action('git-push', { repo: 'frontend-helm', branch: 'develop', commit });
      await repo.push();
      return event;
    });
    const received = await s.waitFor(gitPushed('frontend-helm'), { after: pushed, timeout: '1m' });
    // Git and Argo CD are fine: the change syncs at once, the trouble is in the cluster.
    await s.verify(t.event(operationSucceeded(APP)).within('1m').after(received));
    await s.verify(
      t
        .event(appSynced(APP, { revision: commit }))
        .within('90s')
        .after(received),
    );
    await s.verify(t.event(frontendPod('created', TAG)).within('90s').after(received));
    // The embedded registry answers 503 at once; kind's paused registry container never answers, and the kubelet
    // gives up on the pull at its 2 min runtime request timeout.
    await s.verify(t.event(pullFailed('ErrImagePull')).within('4m').after(received));
    await s.verify(t.event(pullFailed('ImagePullBackOff')).within('5m').after(received));
    await s.verify(t.event(appProgressing(APP)).within('2m').after(received));

    await s.step('the outage lasts 6 minutes', () => s.sleep(6 * 60_000 - (s.sandbox.clock.now() - outage.at)));
    await s.verifyState('during the outage: the new pod is not Ready, the two old pods still are', async () => {
      const d = await frontend();
      return {
        passed: d.status.readyReplicas === 2 && d.status.updatedReplicas === 1,
        message: `ready ${d.status.readyReplicas ?? 0}, updated ${d.status.updatedReplicas ?? 0}, total ${d.status.replicas ?? 0}`,
      };
    });
    const restore = await s.step('registry back', async () => {
      const event = s.action('registry-restored');
      await s.sandbox.faults.restoreRegistry();
      return event;
    });
    await s.verify(t.during(outage, restore).never(frontendPod('ready', TAG)));
    await s.verify(t.during(outage, restore).never(frontendPod('terminating')));

    const rolledOut = await s.step(`the rollout to ${TAG} completes`, () =>
      s.waitFor(rolloutComplete(DEPLOYMENT, { image: `:${TAG}` }), { after: restore, timeout: '8m' }),
    );
    // Image pull back-off doubles from 10 s to a 300 s cap: the retry after the outage comes within 5 min.
    await s.verify(t.event(frontendPod('ready', TAG)).within('5m30s').after(restore));
    await s.verify(
      t
        .event(rolloutComplete(DEPLOYMENT, { image: `:${TAG}` }))
        .within('7m')
        .after(restore),
    );
    await s.verify(
      t.sequence(
        received,
        pullFailed('ErrImagePull'),
        pullFailed('ImagePullBackOff'),
        restore,
        frontendPod('ready', TAG),
        frontendPod('terminating'),
        rolledOut,
      ),
    );
    await s.verify(t.during(outage, rolledOut).always(state(readyEndpoints(SERVICE), atLeast(2))));
    // Argo CD shows the stalled rollout as Progressing, not Degraded, until the Deployment's progress deadline
    // (600 s) passes; the outage plus the pull back-off may outlast it, and then the app is Degraded
    // (ProgressDeadlineExceeded) until the new pods come up. It is never Healthy while the image cannot be pulled.
    await s.verify(t.event(appDegraded(APP)).within('9m').after(received).never());
    await s.verify(t.during(received, restore).never(appHealthy(APP)));
    await s.step('frontend-dev is Healthy again', async () => {
      const deadline = s.sandbox.clock.now() + 60_000;
      while ((await application()).status.health.status !== 'Healthy') {
        if (s.sandbox.clock.now() > deadline) throw new Error('frontend-dev is not Healthy 60 s after the rollout');
        await s.sleep(2_000);
      }
    });

    await s.verifyState(`frontend-dev runs ${TAG} on 2 ready replicas`, async () => {
      const d = await frontend();
      const image = d.spec.template.spec.containers[0]?.image ?? '';
      return {
        passed: image.endsWith(`:${TAG}`) && d.status.readyReplicas === 2 && d.status.replicas === 2,
        message: `${image}, ready ${d.status.readyReplicas ?? 0}, total ${d.status.replicas ?? 0}`,
      };
    });
  },
});
