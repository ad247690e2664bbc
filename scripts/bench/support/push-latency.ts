import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Application } from '../../../src/reconciler/application/index.ts';
import type { GitopsWorld } from './gitops-world.ts';
import { webApp } from './manifests.ts';
import { waitFor } from './watch.ts';

export const WEB_APP = 'web';
export const WEB_PATH = 'web';
/** Where the hand-run minimum applies the same manifests: its own namespace, so no field manager fights ours. */
export const BASELINE_NAMESPACE = 'web-baseline';

export interface PushSample {
  /** `git push` returned → Application Synced at the new commit with the operation Succeeded (ms). */
  reconciler: number;
  /** The same work by hand with the real CLIs (ms): fetch into a mirror, check the commit out, apply. */
  fetch: number;
  checkout: number;
  apply: number;
}

/** Synced at `sha`, and the operation that synced it Succeeded. */
export function syncedAt(sha: string) {
  return (object: { metadata: { name?: string } }) => {
    const app = object as Application;
    const state = app.status?.operationState;
    return (
      app.status?.sync?.status === 'Synced' &&
      app.status.sync.revision === sha &&
      state?.phase === 'Succeeded' &&
      state.syncResult?.revision === sha &&
      app.operation === undefined
    );
  };
}

/**
 * (a) The 20-resource app under automated sync, then `pushes` commits each changing it: the reconciler's latency
 * (webhook → ls-remote → fetch → render → dry run → server-side apply → status) measured from the store's own
 * event, and right after each — with the reconciler idle — the minimum a client needs for the same commit.
 */
export async function measurePushes(world: GitopsWorld, pushes: number): Promise<PushSample[]> {
  const { sandbox } = world;
  const api = sandbox.apiServer.api;
  const first = await world.commit(webApp(WEB_PATH, 0), 'web: 20 resources');
  await world.push();
  const ready = waitFor(api, 'argoproj.io/v1alpha1', 'Application', syncedAt(first), {
    timeoutMs: 120_000,
    what: `${WEB_APP} synced at ${first}`,
  });
  world.createApp(WEB_APP, {
    source: { repoURL: world.repoURL, targetRevision: 'main', path: WEB_PATH },
    destination: { server: 'https://kubernetes.default.svc', namespace: WEB_APP },
    syncPolicy: { automated: { prune: true }, syncOptions: ['CreateNamespace=true'] },
  });
  await ready.at;
  await sandbox.appController.idle();

  const mirror = join(world.dir, 'baseline-mirror.git');
  await world.git(['clone', '--mirror', '--quiet', world.authURL, mirror]);
  await world.kubectl(['create', 'namespace', BASELINE_NAMESPACE]);
  // Warm-up: kubectl's discovery cache and the baseline objects exist, as the reconciler's informers and objects do.
  await baselineOnce(world, mirror);

  const samples: PushSample[] = [];
  for (let i = 1; i <= pushes; i++) {
    const sha = await world.commit(webApp(WEB_PATH, i), `web: revision ${i}`);
    const synced = waitFor(api, 'argoproj.io/v1alpha1', 'Application', syncedAt(sha), {
      timeoutMs: 60_000,
      what: `${WEB_APP} synced at ${sha}`,
    });
    const pushedAt = await world.push();
    const reconciler = (await synced.at) - pushedAt;
    await sandbox.appController.idle();
    samples.push({ reconciler, ...(await baselineOnce(world, mirror)) });
  }
  return samples;
}

/**
 * What any client must do for one push, with the real binaries and no cleverness beyond the reconciler's own:
 * `git fetch` into a bare mirror, materialize the commit's tree (`read-tree -u`, as RepoCache does), and
 * `kubectl apply --server-side` of the directory (kubectl reads and parses it: the render of a plain directory).
 */
async function baselineOnce(world: GitopsWorld, mirror: string): Promise<Omit<PushSample, 'reconciler'>> {
  const scratch = await mkdtemp(join(world.dir, 'baseline-tree-'));
  const tree = join(scratch, 'tree');
  await mkdir(tree);
  try {
    const t0 = performance.now();
    await world.git(['fetch', '--prune', '--quiet', 'origin'], mirror);
    const t1 = performance.now();
    await execa('git', ['--git-dir', mirror, '--work-tree', tree, 'read-tree', '--reset', '-u', 'main'], {
      env: { GIT_INDEX_FILE: join(scratch, 'index') },
    });
    const t2 = performance.now();
    await world.kubectl([
      'apply',
      '--server-side',
      '--field-manager=bench-baseline',
      '-n',
      BASELINE_NAMESPACE,
      '-f',
      join(tree, WEB_PATH),
    ]);
    const t3 = performance.now();
    return { fetch: t1 - t0, checkout: t2 - t1, apply: t3 - t2 };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
