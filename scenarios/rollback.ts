import {
  appDegraded,
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
  type ScenarioContext,
  state,
} from '../src/scenario/index.ts';
import type { TimelineEvent } from '../src/timeline/event.ts';
import { where } from '../src/timeline/matcher.ts';

interface Application {
  spec: { syncPolicy?: { automated?: unknown } };
  status?: {
    sync?: { status?: string; revision?: string };
    history?: { id: number; revision?: string }[];
  };
}
interface PodList {
  items: {
    metadata: { labels?: Record<string, string>; deletionTimestamp?: string };
    spec: { containers: { image: string }[] };
  }[];
}

const DEV_OVERLAY = 'manifests/overlays/development/kustomization.yaml';
const PROD_OVERLAY = 'manifests/overlays/production/kustomization.yaml';
const DEV_APP_FILE = 'apps/letsgo-dev.yaml';
const GOOD = 'v1.0.0';
/** A broken build: the container exits at start. Not `~1.0`, so letsgo-prod's updater (semver ~1.0) ignores it. */
const BROKEN = 'v1.1.0';
/**
 * A good build for production's history: inside `~1.0`, so letsgo-prod's updater agrees with it (it would write it
 * itself; anything outside ~1.0 it would replace by the best ~1.0 tag).
 */
const NEWER = 'v1.0.1';

/** Sets the backend's `newTag` in an overlay's kustomization (adds the `images:` entry if it has none). */
function setBackendTag(text: string, image: string, tag: string): string {
  const entry = new RegExp(`(- name: ${image.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n\\s+newTag: )\\S+`);
  if (entry.test(text)) return text.replace(entry, `$1${tag}`);
  const block = `  - name: ${image}\n    newTag: ${tag}\n`;
  return /^images:\n/m.test(text)
    ? text.replace(/^images:\n/m, `images:\n${block}`)
    : `${text.trimEnd()}\nimages:\n${block}`;
}

/** A change in git: its commit, the scenario's action, and the git server's push event (what webhooks follow). */
interface Pushed {
  sha: string;
  event: TimelineEvent;
  pushed: TimelineEvent;
}

/**
 * Commits a change to one file and pushes it, on a fresh clone; retried on a rejected push (the image updater
 * writes to the same branch). Returns the commit that carries the change: ours, or — when the file already says
 * it — the one already at HEAD.
 */
async function pushChange(
  s: ScenarioContext,
  repoName: string,
  path: string,
  change: (text: string) => string,
  message: string,
): Promise<Pushed> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const repo = await s.repo(repoName);
    const text = await repo.read(path);
    const changed = change(text);
    if (changed === text) {
      // Someone (the image updater) pushed it already: its push is the one to measure from.
      const event = s.action('already-in-git', { repo: repoName, path });
      const pushed = s.timeline.events().findLast((e) => gitPushed(repoName).test(e));
      return { sha: await repo.head(), event, pushed: pushed ?? event };
    }
    await repo.write(path, changed);
    await repo.commit(message);
    const event = s.action('push', { repo: repoName, path, message });
    try {
      const sha = await repo.push();
      return { sha, event, pushed: await s.waitFor(gitPushed(repoName), { after: event, timeout: '1m' }) };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function revertAndPush(s: ScenarioContext, sha: string): Promise<Pushed> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const repo = await s.repo('letsgo');
    await repo.revert(sha);
    const event = s.action('push', { repo: 'letsgo', revert: sha.slice(0, 7) });
    try {
      const head = await repo.push();
      return { sha: head, event, pushed: await s.waitFor(gitPushed('letsgo'), { after: event, timeout: '1m' }) };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

const backendPodFailed = (namespace: string, reason: string) =>
  where(
    'pod',
    'failed',
    (e) => e.subject.startsWith(`${namespace}/backend-`) && e.data?.['reason'] === reason,
    `a ${namespace} backend pod failed (${reason})`,
  );

const operationOf = (app: string, phase: string) =>
  where(
    'application',
    'operation',
    (e) => (e.subject === app || e.subject.endsWith(`/${app}`)) && e.data?.['phase'] === phase,
    `application ${app} operation ${phase}`,
  );

/**
 * Two ways back from a bad deploy.
 * - letsgo-dev (automated): a crashing build is committed to the development overlay; the new pod crash-loops, the
 *   old one keeps serving, and after the 600 s progress deadline the app is Degraded. `git revert` of that commit
 *   is the way back (Argo CD refuses a history rollback while auto-sync is on); the team also tells dev's image
 *   updater (newest-build) to ignore the bad tag, or it would deploy it again at its next cycle.
 * - letsgo-prod (manual): a newer revision is synced, then `app rollback` to the previous history entry: pods on
 *   the old version, the app OutOfSync against git HEAD (as Argo CD shows after a rollback), no sync on its own.
 */
export default defineScenario({
  name: 'rollback',
  title: 'Rollback: git revert of a crashing build on letsgo-dev; history rollback of letsgo-prod (auto-sync off)',
  description:
    'Commit a crashing backend build to the development overlay: CrashLoopBackOff, Degraded after the progress ' +
    'deadline, the old replica serving throughout; git revert: Healthy on v1.0.0. Sync letsgo-prod to a newer ' +
    'revision, then roll it back by history id: pods on v1.0.0 again and the app OutOfSync with git HEAD.',
  timeout: '25m',
  async run(s) {
    const t = expect(s.timeline);
    const backend = `${s.sandbox.registry.host}/letsgo/backend`;
    const podImages = async (namespace: string) =>
      (await s.getJson<PodList>(['pods', '-n', namespace, '-l', 'app.kubernetes.io/name=backend'])).items
        .filter((p) => !p.metadata.deletionTimestamp)
        .map((p) => p.spec.containers[0]!.image);

    // Traffic to both backends: which version answers, and every failed request.
    await s.probe('letsgo-dev/backend');
    await s.probe('letsgo-prod/backend');

    // ── letsgo-dev: a crashing build, then git revert ──────────────────────────────────────────────────────────
    await s.step(`publish a broken letsgo/backend:${BROKEN} (exits at start)`, () =>
      s.sandbox.publishImage({ repository: 'letsgo/backend', tag: BROKEN, crash: true }),
    );
    const broken = await s.step(`commit backend ${BROKEN} to the development overlay`, () =>
      pushChange(s, 'letsgo', DEV_OVERLAY, (text) => setBackendTag(text, backend, BROKEN), `dev: backend ${BROKEN}`),
    );
    // Measured from the git server's push: the webhook refreshes at once (polling would take up to 3 m).
    await s.verify(t.event(appOutOfSync('letsgo-dev')).within('1m').after(broken.pushed));
    const brokenSync = await s.step('letsgo-dev auto-syncs the broken build', () =>
      s.waitFor(operationSucceeded('letsgo-dev'), { after: broken.pushed, timeout: '2m' }),
    );
    await s.verify(t.event(backendPodFailed('letsgo-dev', 'CrashLoopBackOff')).within('2m').after(brokenSync));
    // The rollout stalls (1 replica, maxUnavailable 0): Progressing until the 600 s progress deadline, then Degraded.
    const degraded = await s.step('letsgo-dev Degraded once the progress deadline passed', () =>
      s.waitFor(appDegraded('letsgo-dev'), { after: brokenSync, timeout: '15m' }),
    );
    await s.verify(t.event(appDegraded('letsgo-dev')).within('570s').after(brokenSync).never());
    await s.verify(t.event(appDegraded('letsgo-dev')).within('11m').after(brokenSync));
    await s.verify(
      t
        .event(rolloutComplete('letsgo-dev/backend', { image: `:${BROKEN}` }))
        .after(brokenSync)
        .before(degraded)
        .never(),
    );

    const reverted = await s.step(`git revert ${broken.sha.slice(0, 7)} and push`, () => revertAndPush(s, broken.sha));
    // Without this, dev's updater (newest-build) would bring the newest build — the broken one — back.
    await s.step(`tell letsgo-dev's image updater to ignore ${BROKEN} (apps repo)`, () =>
      pushChange(
        s,
        'apps',
        DEV_APP_FILE,
        (text) =>
          text.includes('backend.ignore-tags')
            ? text
            : text.replace(
                /^(\s+)(argocd-image-updater\.argoproj\.io\/backend\.update-strategy: .*)$/m,
                `$1$2\n$1argocd-image-updater.argoproj.io/backend.ignore-tags: ${BROKEN}`,
              ),
        `letsgo-dev: the image updater skips the broken ${BROKEN}`,
      ),
    );
    const revertPushed = reverted.pushed;
    const devRolledBack = rolloutComplete('letsgo-dev/backend', { image: `:${GOOD}` });
    await s.verify(t.event(devRolledBack).within('2m').after(revertPushed));
    const devHealthy = await s.step(`letsgo-dev Healthy on ${GOOD} again`, () =>
      s.waitFor(appHealthy('letsgo-dev'), { after: revertPushed, timeout: '3m' }),
    );
    await s.verify(t.event(appHealthy('letsgo-dev')).within('2m').after(revertPushed));
    await s.verify(t.event(appSynced('letsgo-dev')).within('2m').after(revertPushed));
    await s.verify(t.ordered(broken.event, degraded, reverted.event, devHealthy));
    // The old replica served throughout: the crashing one never became an endpoint, no request failed and none
    // was answered by the broken build.
    await s.verify(t.during(broken.event, devHealthy).always(state(readyEndpoints('letsgo-dev/backend'), atLeast(1))));
    await s.verify(t.during(broken.event, devHealthy).never(probeFailure('letsgo-dev/backend')));
    await s.verify(t.during(broken.event, devHealthy).never(probeVersion('letsgo-dev/backend', BROKEN)));
    await s.verifyState(`letsgo-dev backend pods run ${GOOD}`, async () => {
      const images = await podImages('letsgo-dev');
      return { passed: images.length === 1 && images[0] === `${backend}:${GOOD}`, message: images.join(', ') };
    });

    // Argo CD refuses a history rollback while auto-sync is on.
    await s.verifyState('app rollback letsgo-dev is refused (auto-sync is enabled)', async () => {
      try {
        await s.rollbackApp('letsgo-dev');
        return { passed: false, message: 'the rollback was accepted' };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { passed: /auto-sync/i.test(message), message };
      }
    });

    // ── letsgo-prod: sync a newer revision, then roll back by history id ──────────────────────────────────────
    const prodApp = () => s.getJson<Application>(['applications.argoproj.io', 'letsgo-prod', '-n', 'argocd']);
    const before = await prodApp();
    const first = before.status?.history?.at(-1);
    await s.verifyState('letsgo-prod is manual and has a deployment in its history', async () => ({
      passed: !before.spec.syncPolicy?.automated && first !== undefined,
      message: `automated: ${JSON.stringify(before.spec.syncPolicy?.automated ?? null)}; last history entry: ${JSON.stringify(first ?? null)}`,
    }));
    if (!first) return;

    // Built before v1.0.0, so letsgo-dev's newest-build updater does not pick it.
    await s.step(`publish letsgo/backend:${NEWER}`, () =>
      s.sandbox.publishImage({ repository: 'letsgo/backend', tag: NEWER, created: '2020-01-01T00:00:00Z' }),
    );
    const newer = await s.step(`commit backend ${NEWER} to the production overlay`, () =>
      pushChange(s, 'letsgo', PROD_OVERLAY, (text) => setBackendTag(text, backend, NEWER), `prod: backend ${NEWER}`),
    );
    await s.verify(t.event(appOutOfSync('letsgo-prod')).within('1m').after(newer.pushed));
    await s.verify(t.event(operationOf('letsgo-prod', 'Running')).within('1m').after(newer.event).never());

    const synced = await s.step('app sync letsgo-prod (the newer revision)', async () => {
      const event = s.action('sync', { app: 'letsgo-prod' });
      await s.syncApp('letsgo-prod');
      return event;
    });
    await s.verify(
      t
        .event(rolloutComplete('letsgo-prod/backend', { image: `:${NEWER}` }))
        .within('2m')
        .after(synced),
    );
    await s.verify(t.event(probeVersion('letsgo-prod/backend', NEWER)).within('2m').after(synced));
    await s.verify(t.event(appSynced('letsgo-prod')).within('1m').after(synced));
    const afterSync = await prodApp();
    const deployed = afterSync.status?.history?.at(-1);
    await s.verifyState('the sync added a history entry for the newer revision', async () => ({
      passed: deployed !== undefined && deployed.id > first.id && deployed.revision !== first.revision,
      message: `history: ${JSON.stringify(afterSync.status?.history ?? [])}`,
    }));

    const rollback = await s.step(`app rollback letsgo-prod ${first.id}`, async () => {
      const event = s.action('rollback', { app: 'letsgo-prod', id: first.id });
      await s.rollbackApp('letsgo-prod', first.id);
      return event;
    });
    const rolledBack = rolloutComplete('letsgo-prod/backend', { image: `:${GOOD}` });
    await s.verify(t.event(operationSucceeded('letsgo-prod')).within('1m').after(rollback));
    await s.verify(t.event(rolledBack).within('2m').after(rollback));
    await s.verify(t.event(probeVersion('letsgo-prod/backend', GOOD)).within('2m').after(rollback));
    await s.verify(t.event(appOutOfSync('letsgo-prod')).within('1m').after(rollback));
    const prodHealthy = await s.step('letsgo-prod Healthy on the old version', () =>
      s.waitFor(appHealthy('letsgo-prod'), { after: rollback, timeout: '2m' }),
    );
    // No auto-sync: it stays OutOfSync against HEAD.
    await s.verify(t.event(appSynced('letsgo-prod')).within('2m').after(rollback).never());
    await s.verify(t.ordered(newer.event, synced, rollback, prodHealthy));
    // Three replicas, surged one at a time: the service kept ready endpoints through both rollouts.
    await s.verify(t.during(synced, prodHealthy).always(state(readyEndpoints('letsgo-prod/backend'), atLeast(2))));
    await s.verify(t.during(synced).never(probeFailure('letsgo-prod/backend')));

    await s.verifyState(`letsgo-prod backend pods run ${GOOD}`, async () => {
      const images = await podImages('letsgo-prod');
      return {
        passed: images.length === 3 && images.every((i) => i === `${backend}:${GOOD}`),
        message: images.join(', '),
      };
    });
    await s.verifyState(
      'letsgo-prod is OutOfSync with HEAD and its history ends with the rolled-back revision',
      async () => {
        const app = await prodApp();
        const last = app.status?.history?.at(-1);
        return {
          passed:
            app.status?.sync?.status === 'OutOfSync' &&
            last !== undefined &&
            last.revision === first.revision &&
            last.id > deployed!.id,
          message: `sync ${app.status?.sync?.status}; last history entry ${JSON.stringify(last ?? null)}`,
        };
      },
    );
    await s.verifyState(`letsgo-dev's image updater now ignores ${BROKEN}`, async () => {
      const app = await s.getJson<{ metadata: { annotations?: Record<string, string> } }>([
        'applications.argoproj.io',
        'letsgo-dev',
        '-n',
        'argocd',
      ]);
      const ignore = app.metadata.annotations?.['argocd-image-updater.argoproj.io/backend.ignore-tags'];
      return { passed: ignore === BROKEN, message: `backend.ignore-tags: ${ignore ?? 'not set'}` };
    });
  },
});
