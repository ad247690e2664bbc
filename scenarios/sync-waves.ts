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
import { imageMatches, type Matcher, where } from '../src/timeline/matcher.ts';

interface Deployment {
  spec: { template: { spec: { containers: { image: string }[] } } };
}

const NAMESPACE = 'waves';
const TIERS = ['database', 'backend', 'frontend'] as const;
const FILES: Record<(typeof TIERS)[number], string> = {
  database: 'manifests/wave-0-database.yaml',
  backend: 'manifests/wave-1-backend.yaml',
  frontend: 'manifests/wave-2-frontend.yaml',
};
const HOOK = 'manifests/presync-migrate.yaml';
const OLD = 'v1.0.0';
const NEW = 'v1.1.0';

/** A pod of the PreSync hook Job `migrate` (label app.kubernetes.io/name=migrate) running an image. */
const migratePod = (type: string, image?: string): Matcher =>
  where(
    'pod',
    type,
    (e) =>
      e.subject.startsWith(`${NAMESPACE}/migrate-`) &&
      (image === undefined || ((e.data?.['images'] as string[] | undefined) ?? []).some((i) => imageMatches(i, image))),
    `migrate hook pod ${type}${image ? ` with ${image}` : ''}`,
  );

/**
 * One commit moves all three tiers of `waves` to v1.1.0. Argo CD's sync runs the PreSync hook `migrate` first,
 * then wave 0 (database), wave 1 (backend), wave 2 (frontend), each only once the previous wave is Healthy (plus
 * the 2 s ARGOCD_SYNC_WAVE_DELAY): three rollouts one after another, never overlapping.
 */
export default defineScenario({
  name: 'sync-waves',
  title: 'Sync waves: the PreSync migrate hook, then database → backend → frontend, each after the previous is Healthy',
  description:
    'Publish waves/*:v1.1.0 and move all three tiers to it in one commit: the migrate Job runs first, then each ' +
    "wave's Deployment rolls out only after the previous one completed; the hook is deleted once it succeeded.",
  timeout: '10m',
  async run(s) {
    const t = expect(s.timeline);
    const host = s.sandbox.registry.host;
    const image = (tier: string, tag: string) => `${host}/waves/${tier}:${tag}`;

    // Traffic to each tier: which version answers, and whether any request fails while the waves roll.
    for (const tier of TIERS) await s.probe(`${NAMESPACE}/${tier}`);

    await s.step(`publish waves/{database,backend,frontend}:${NEW}`, async () => {
      for (const tier of TIERS) await s.sandbox.publishImage({ repository: `waves/${tier}`, tag: NEW });
    });
    for (const tier of TIERS) await s.verify(t.event(tagPushed(`waves/${tier}`, NEW)).within('1m'));

    const repo = await s.repo('waves');
    const pushed = await s.step(
      `commit ${NEW} for the three tiers and the migrate hook, push to waves main`,
      async () => {
        for (const file of [...Object.values(FILES), HOOK]) {
          await repo.edit(file, (text) => {
            const changed = text.replace(/(waves\/[a-z]+):v1\.0\.0/g, `$1:${NEW}`);
            if (changed === text) throw new Error(`${file} does not name a waves image at ${OLD}`);
            return changed;
          });
        }
        await repo.commit(`Roll waves out to ${NEW}`);
        const event = s.action('push', { repo: 'waves', tag: NEW });
        await repo.push();
        return event;
      },
    );
    // Measured from the git server's push: the webhook refreshes at once (polling would take up to 3 m).
    const received = await s.waitFor(gitPushed('waves'), { after: pushed, timeout: '1m' });
    await s.verify(t.event(appOutOfSync(NAMESPACE)).within('1m').after(received));

    const done = await s.step('waves syncs (hook, then three waves)', () =>
      s.waitFor(operationSucceeded(NAMESPACE), { after: pushed, timeout: '5m' }),
    );

    const started = Object.fromEntries(TIERS.map((tier) => [tier, rolloutStarted(`${NAMESPACE}/${tier}`, `:${NEW}`)]));
    const complete = Object.fromEntries(
      TIERS.map((tier) => [tier, rolloutComplete(`${NAMESPACE}/${tier}`, { image: `:${NEW}` })]),
    );
    // The hook first, with the new backend image; it ran (2 s) and completed before wave 0 started.
    const hookCompleted = where(
      'pod',
      'not-ready',
      (e) => e.subject.startsWith(`${NAMESPACE}/migrate-`) && e.data?.['reason'] === 'PodCompleted',
      'migrate hook pod completed',
    );
    await s.verify(
      t
        .event(migratePod('created', `:${NEW}`))
        .within('1m')
        .after(received),
    );
    await s.verify(
      t
        .event(hookCompleted)
        .within('30s')
        .after(migratePod('created', `:${NEW}`)),
    );
    await s.verify(
      t.ordered(migratePod('created', `:${NEW}`), migratePod('ready'), hookCompleted, started['database']!),
    );
    // The waves in order: each rollout starts only after the previous one completed (first occurrences of the new
    // tag, so an overlap — backend starting while database still rolls — fails the order). The operation ends once
    // the last wave is applied (gitops-engine does not wait for the last wave's health).
    await s.verify(
      t.ordered(
        started['database']!,
        complete['database']!,
        started['backend']!,
        complete['backend']!,
        started['frontend']!,
        done,
      ),
    );
    await s.verify(t.ordered(started['frontend']!, complete['frontend']!));
    // Each wave follows promptly once the previous one is Healthy (a reconcile or two, not the 3 m poll).
    for (const [previous, next] of [
      ['database', 'backend'],
      ['backend', 'frontend'],
    ] as const) {
      await s.verify(t.event(started[next]!).within('30s').after(complete[previous]!));
    }
    await s.verify(t.event(complete['frontend']!).within('1m').after(started['frontend']!));
    const frontendDone = await s.waitFor(complete['frontend']!, { after: pushed, timeout: '2m' });
    // Hook deletion policy HookSucceeded: the hook Job (and its pod) is deleted when the sync succeeds.
    await s.verify(t.ordered(started['frontend']!, migratePod('deleted')));
    await s.verify(t.event(done).within('5s').after(migratePod('deleted')));
    const healthy = await s.step('waves Healthy once the frontend rolled out', () =>
      s.waitFor(appHealthy(NAMESPACE), { after: frontendDone, timeout: '1m' }),
    );
    await s.verify(t.event(appHealthy(NAMESPACE)).within('30s').after(frontendDone));
    await s.verify(t.event(appSynced(NAMESPACE)).within('30s').after(done));
    // One replica each, surged: every tier kept a ready endpoint while it rolled.
    for (const tier of TIERS) {
      await s.verify(t.during(pushed, healthy).always(state(readyEndpoints(`${NAMESPACE}/${tier}`), atLeast(1))));
    }

    // What users saw: each tier answered with the new version before the next wave started, and no request failed.
    await s.verify(
      t.ordered(
        probeVersion(`${NAMESPACE}/database`, NEW),
        started['backend']!,
        probeVersion(`${NAMESPACE}/backend`, NEW),
        started['frontend']!,
        probeVersion(`${NAMESPACE}/frontend`, NEW),
      ),
    );
    for (const tier of TIERS) await s.verify(t.during(pushed).never(probeFailure(`${NAMESPACE}/${tier}`)));

    await s.verifyState(`every tier runs ${NEW}`, async () => {
      const images = await Promise.all(
        TIERS.map(
          async (tier) =>
            (await s.getJson<Deployment>(['deployment', tier, '-n', NAMESPACE])).spec.template.spec.containers[0]!
              .image,
        ),
      );
      const expected = TIERS.map((tier) => image(tier, NEW));
      return { passed: images.every((img, i) => img === expected[i]), message: images.join(', ') };
    });
    await s.verifyState('the migrate hook Job was deleted (HookSucceeded)', async () => {
      const jobs = await s.getJson<{ items: { metadata: { name: string } }[] }>(['jobs', '-n', NAMESPACE]);
      const names = jobs.items.map((j) => j.metadata.name);
      return { passed: !names.includes('migrate'), message: `jobs: ${names.join(', ') || 'none'}` };
    });
  },
});
