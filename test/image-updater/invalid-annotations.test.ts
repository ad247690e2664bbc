import test from 'ava';
import { automated, deployment, startUpdaterWorld } from './helpers.ts';

const key = (k: string) => `argocd-image-updater.argoproj.io/${k}`;

test.serial(
  'invalid annotations skip only their image and are reported once (log + Warning Event); only running images unless force-update; only Helm/Kustomize apps',
  async (t) => {
    const world = await startUpdaterWorld(t);
    const img = (name: string) => `${world.host}/t/${name}`;
    for (const name of ['a', 'b', 'c', 'd', 'e']) for (const tag of ['v1', 'v2']) await world.pushTag(`t/${name}`, tag);
    await world.push({
      'inv/kustomization.yaml': 'resources: [a.yaml, b.yaml, c.yaml]\n',
      'inv/a.yaml': deployment('a', `${img('a')}:v1`),
      'inv/b.yaml': deployment('b', `${img('b')}:v1`),
      'inv/c.yaml': deployment('c', `${img('c')}:v1`),
      'plain/c.yaml': deployment('plain-c', `${img('c')}:v1`),
      'svn/kustomization.yaml': 'resources: [c.yaml]\n',
      'svn/c.yaml': deployment('svn-c', `${img('c')}:v1`),
    });
    await world.createApp(
      'inv',
      { source: { repoURL: world.repoURL, path: 'inv', targetRevision: 'main' }, syncPolicy: automated },
      {
        metadata: {
          annotations: {
            [key('image-list')]:
              `a=${img('a')}, b=${img('b')}:not a constraint, c=${img('c')}, d=${img('d')}, e=${img('e')}, UPPER/Case:1`,
            [key('a.allow-tags')]: 'regexp:^v(1|2',
            [key('c.update-strategy')]: 'biggest',
            [key('e.force-update')]: 'true',
          },
        },
      },
    );
    await world.createApp(
      'plain',
      {
        source: { repoURL: world.repoURL, path: 'plain', targetRevision: 'main', directory: {} },
        syncPolicy: automated,
      },
      { metadata: { annotations: { [key('image-list')]: `c=${img('c')}` } } },
    );
    await world.waitApp('inv', (a) => a.status?.summary?.images?.length === 3);
    await world.createApp(
      'svn',
      { source: { repoURL: world.repoURL, path: 'svn', targetRevision: 'main' }, syncPolicy: automated },
      {
        metadata: {
          annotations: { [key('image-list')]: `c=${img('c')}`, [key('write-back-method')]: 'svn:trunk' },
        },
      },
    );
    await world.waitApp('plain', (a) => a.status?.summary?.images?.length === 1);
    await world.waitApp('svn', (a) => a.status?.summary?.images?.length === 1);

    const updater = await world.startUpdater();
    const result = await updater.runOnce();
    t.is(result.applicationsProcessed, 3);
    t.is(result.errors, 1, 'svn: nowhere to write');
    t.deepEqual(result.updates, [
      {
        application: 'inv',
        method: 'argocd',
        images: [
          { alias: 'c', image: img('c'), oldTag: 'v1', newTag: 'v2' },
          // Not running, but force-update: updated from no tag.
          { alias: 'e', image: img('e'), oldTag: '', newTag: 'v2' },
        ],
      },
    ]);
    t.deepEqual((await world.getApp('inv')).spec.source?.kustomize?.images, [`${img('c')}:v2`, `${img('e')}:v2`]);
    t.is((await world.getApp('plain')).spec.source?.kustomize, undefined, 'Directory apps are left alone');

    const warnings = await world.events('inv', 'InvalidImageUpdaterAnnotation');
    t.is(warnings.length, 1);
    t.is(warnings[0]!.type, 'Warning');
    const message = warnings[0]!.message;
    t.regex(message, /image-list: entry 'UPPER\/Case:1' is not an image/);
    t.regex(message, /image-list: 'not a constraint' of .*\/t\/b is not a semver constraint; write e\.g\. ~1\.0/);
    t.regex(message, /a\.allow-tags: invalid regular expression '\^v\(1\|2'.*so no tag matches; use 'any' or 'regexp:/);
    t.regex(message, /c\.update-strategy: unknown update strategy 'biggest', using semver/);
    const seen = world.updaterLogs.find((l) => l.msg === 'tags seen' && l['alias'] === 'a');
    t.regex(String(seen?.['allowTags']), /^matches nothing: invalid regular expression/);
    t.true(world.updaterLogs.some((l) => l.msg === 'no tag qualifies' && l['alias'] === 'a'));
    t.true(world.updaterLogs.some((l) => l.msg.startsWith('image not running') && l['alias'] === 'd'));
    t.true(world.updaterLogs.some((l) => l.msg.startsWith('skipping application') && l.application === 'plain'));

    // The same problems next cycle: logged but no second Event. e (forced, never running) is still "behind", but
    // the spec already names it: no patch, no second ImagesUpdated.
    const next = await updater.runOnce();
    t.deepEqual(next.updates, []);
    t.is((await world.events('inv', 'ImagesUpdated')).length, 1);
    t.true(world.updaterLogs.some((l) => l.msg.startsWith('nothing to change') && l.application === 'inv'));
    t.is((await world.events('inv', 'InvalidImageUpdaterAnnotation')).length, 1);
    const svn = await world.events('svn', 'InvalidImageUpdaterAnnotation');
    t.is(svn.length, 1);
    t.regex(
      svn[0]!.message,
      /write-back-method: unknown method 'svn:trunk'; use argocd, git, git:repocreds or git:secret:/,
    );
  },
);
