import {
  appHealthy,
  appOutOfSync,
  appSynced,
  atLeast,
  defineScenario,
  expect,
  gitPushed,
  operationSucceeded,
  probeFailure,
  probeVersion,
  readyEndpoints,
  rolloutComplete,
  rolloutStarted,
  state,
  tagPushed,
} from '../src/scenario/index.ts';
import { where } from '../src/timeline/matcher.ts';

interface Application {
  status?: { sync?: { status?: string; revision?: string } };
}
interface PodList {
  items: { metadata: { deletionTimestamp?: string }; spec: { containers: { image: string }[] } }[];
}

const VALUES = 'chart/values.yaml';
const OLD = 'v1.0.0';
const NEW = 'v1.1.0';

const operationOf = (app: string) =>
  where(
    'application',
    'operation',
    (e) => e.subject === `argocd/${app}` || e.subject === app,
    `an operation on application ${app}`,
  );

/**
 * Dev → prod promotion with a branch per environment (frontend-helm: `develop` → frontend-dev, automated;
 * `main` → frontend-prod, manual). A new image tag committed on develop reaches dev by itself; merging develop into
 * main makes prod OutOfSync, and it waits there — no sync of its own — until an operator syncs it.
 */
export default defineScenario({
  name: 'promotion',
  title: 'Promotion: develop → frontend-dev by itself; merge into main → frontend-prod OutOfSync until synced',
  description:
    'Publish frontend-helm/frontend:v1.1.0 and set image.tag on develop: frontend-dev rolls out v1.1.0, prod does ' +
    'not move. Merge develop into main: frontend-prod goes OutOfSync and waits; `app sync frontend-prod` rolls prod ' +
    'out to v1.1.0 while it keeps answering.',
  timeout: '10m',
  async run(s) {
    const t = expect(s.timeline);
    const image = `${s.sandbox.registry.host}/frontend-helm/frontend`;
    const podImages = async (namespace: string) =>
      (await s.getJson<PodList>(['pods', '-n', namespace])).items
        .filter((p) => !p.metadata.deletionTimestamp)
        .map((p) => p.spec.containers[0]!.image);
    const devProbe = await s.probe('dev/frontend');
    const prodProbe = await s.probe('prod/frontend');

    await s.step(`publish frontend-helm/frontend:${NEW}`, () =>
      s.sandbox.publishImage({ repository: 'frontend-helm/frontend', tag: NEW }),
    );
    await s.verify(t.event(tagPushed('frontend-helm/frontend', NEW)).within('1m'));

    // 1. develop: frontend-dev follows by itself; frontend-prod (main) does not move.
    const develop = await s.repo('frontend-helm', { branch: 'develop' });
    const devPush = await s.step(`set image.tag ${NEW} on develop and push`, async () => {
      await develop.edit(VALUES, (text) => text.replace(/^(\s+tag:\s*)v1\.0\.0\s*$/m, `$1${NEW}`));
      await develop.commit(`frontend: ${NEW}`);
      const event = s.action('push', { repo: 'frontend-helm', branch: 'develop' });
      await develop.push('develop');
      return event;
    });
    // Measured from the git server's push: the webhook refreshes at once (polling would take up to 3 m).
    const devPushed = await s.waitFor(gitPushed('frontend-helm'), { after: devPush, timeout: '1m' });
    await s.verify(t.event(appOutOfSync('frontend-dev')).within('1m').after(devPushed));
    const devSynced = await s.step('frontend-dev auto-syncs develop', () =>
      s.waitFor(operationSucceeded('frontend-dev'), { after: devPush, timeout: '2m' }),
    );
    const devRolled = rolloutComplete('dev/frontend', { image: `:${NEW}` });
    await s.verify(t.event(devRolled).within('1m').after(devSynced));
    await s.verify(t.event(probeVersion('dev/frontend', NEW)).within('2m').after(devPushed));
    await s.verify(t.event(appHealthy('frontend-dev')).within('1m').after(devSynced));
    // main did not change: prod neither goes OutOfSync nor runs anything.
    await s.verify(t.event(appOutOfSync('frontend-prod')).within('1m').after(devPush).never());
    await s.verify(
      t
        .event(rolloutStarted('prod/frontend', `:${NEW}`))
        .within('1m')
        .after(devPush)
        .never(),
    );

    // 2. Promote: merge develop into main. Prod sees it and waits.
    const main = await s.repo('frontend-helm', { branch: 'main' });
    const { merged, mergePush } = await s.step('merge develop into main and push', async () => {
      const sha = await main.merge('develop', `Promote develop (${NEW}) to main`);
      const event = s.action('push', { repo: 'frontend-helm', branch: 'main', merge: 'develop' });
      await main.push('main');
      return { merged: sha, mergePush: event };
    });
    const mainPushed = await s.waitFor(gitPushed('frontend-helm'), { after: mergePush, timeout: '1m' });
    const prodOutOfSync = await s.step('frontend-prod OutOfSync after the merge', () =>
      s.waitFor(appOutOfSync('frontend-prod'), { after: mainPushed, timeout: '2m' }),
    );
    await s.verify(t.event(appOutOfSync('frontend-prod')).within('1m').after(mainPushed));
    // Manual sync policy: nothing happens on its own.
    await s.verify(t.event(operationOf('frontend-prod')).within('3m').after(mergePush).never());
    await s.verify(
      t
        .event(rolloutStarted('prod/frontend', `:${NEW}`))
        .within('3m')
        .after(mergePush)
        .never(),
    );
    await s.verifyState(`frontend-prod still runs ${OLD} while it waits`, async () => {
      const images = await podImages('prod');
      return {
        passed: images.length === 2 && images.every((i) => i === `${image}:${OLD}`),
        message: images.join(', '),
      };
    });

    // 3. The operator syncs prod.
    const sync = await s.step('app sync frontend-prod', async () => {
      const event = s.action('sync', { app: 'frontend-prod' });
      await s.syncApp('frontend-prod');
      return event;
    });
    const prodRolled = rolloutComplete('prod/frontend', { image: `:${NEW}` });
    await s.verify(t.event(operationSucceeded('frontend-prod')).within('1m').after(sync));
    await s.verify(t.event(prodRolled).within('2m').after(sync));
    await s.verify(t.event(probeVersion('prod/frontend', NEW)).within('2m').after(sync));
    await s.verify(t.event(appSynced('frontend-prod')).within('1m').after(sync));
    const prodHealthy = await s.step('frontend-prod Healthy on the new version', () =>
      s.waitFor(appHealthy('frontend-prod'), { after: sync, timeout: '2m' }),
    );
    await s.verify(t.ordered(devPush, devRolled, mergePush, prodOutOfSync, sync, prodRolled));
    // Both environments kept answering through their rollouts (2 replicas, surged one at a time).
    await s.verify(t.during(devPush, prodHealthy).always(state(readyEndpoints('dev/frontend'), atLeast(1))));
    await s.verify(t.during(sync, prodHealthy).always(state(readyEndpoints('prod/frontend'), atLeast(1))));
    await s.verify(t.during(devPush).never(probeFailure('dev/frontend')));
    await s.verify(t.during(devPush).never(probeFailure('prod/frontend')));

    await s.verifyState(`frontend-prod runs ${NEW}, synced to the merge commit`, async () => {
      const images = await podImages('prod');
      const app = await s.getJson<Application>(['applications.argoproj.io', 'frontend-prod', '-n', 'argocd']);
      const revision = app.status?.sync?.revision ?? '';
      return {
        passed:
          images.length === 2 &&
          images.every((i) => i === `${image}:${NEW}`) &&
          revision === merged &&
          app.status?.sync?.status === 'Synced',
        message: `pods ${images.join(', ')}; ${app.status?.sync?.status} at ${revision.slice(0, 7)} (merge ${merged.slice(0, 7)})`,
      };
    });
    await s.verifyState('the probes were answered by both versions, without failures', async () => {
      const dev = devProbe.counts();
      const prod = prodProbe.counts();
      return {
        passed:
          dev.failed === 0 &&
          prod.failed === 0 &&
          [dev, prod].every((c) => (c.versions[OLD] ?? 0) > 0 && (c.versions[NEW] ?? 0) > 0),
        message: `dev ${JSON.stringify(dev)}; prod ${JSON.stringify(prod)}`,
      };
    });
  },
});
