import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { KubeObject } from '../../kube/object.ts';
import type { StartedSandbox } from '../sandbox.ts';
import { repoUrl, rewriteAddresses, type WorldAddresses } from './addresses.ts';
import { giteaClient } from './gitea.ts';
import { syncOnce } from './initial-sync.ts';
import { applyObject, clusterClient, gitCredsSecret } from './kube.ts';
import { type PublishedImage, publishImages } from './publish-images.ts';
import { type SeededRepo, seedRepo } from './seed-repo.ts';
import { loadWorld, type WorldApp } from './world.ts';

export type SeedTarget = Pick<
  StartedSandbox,
  'git' | 'registry' | 'reconciler' | 'kubeconfigPath' | 'publishImage' | 'clock'
>;

export interface SeedOptions {
  /** Default: sandbox/world of this checkout. */
  worldDir?: string;
  signal?: AbortSignal;
  /** Told the title of each step as it starts. */
  onStep?: (title: string) => void;
  /** Runs each step, e.g. `(title, run) => startup.step(title, run)` to time and report it (default: just runs it). */
  step?: <T>(title: string, run: () => Promise<T>) => Promise<T>;
  /** How long (simulated ms) to wait for the root Application to create the manual-sync apps (default 120 s). */
  timeoutMs?: number;
}

export interface SeededApp extends WorldApp {
  /** The repoURL written into the Application. */
  repoURL: string;
}

export interface SeededWorld {
  repos: SeededRepo[];
  /** The root Application first, then the ones it creates from git. */
  apps: SeededApp[];
  /** Destination namespaces of the apps (argocd excluded), sorted. */
  namespaces: string[];
  images: PublishedImage[];
  /** The Secret the image updater writes back to git with. */
  gitCredsSecret: { namespace: string; name: string };
}

/**
 * Seeds the example world (sandbox/world) into a running sandbox: publishes its images, creates its repos through
 * the Gitea API and pushes their files with the git CLI (canonical addresses rewritten to this sandbox's), adds a
 * push webhook to the reconciler on each, creates the `argocd/git-creds` Secret and the root Application, and
 * syncs each manual-sync app once (the operator's first approval). Does not wait for the apps: see waitForWorld.
 */
export async function seedWorld(sandbox: SeedTarget, options: SeedOptions = {}): Promise<SeededWorld> {
  const { signal, onStep } = options;
  const step = async <T>(title: string, run: () => Promise<T>): Promise<T> => {
    signal?.throwIfAborted();
    onStep?.(title);
    return options.step ? options.step(title, run) : run();
  };
  const world = await loadWorld(options.worldDir);
  const addresses: WorldAddresses = {
    registryHost: sandbox.registry.host,
    gitUrl: sandbox.git.clusterUrl,
    gitOwner: sandbox.git.username,
  };

  const images = await step(`Publish ${world.images.length} images`, () =>
    publishImages(sandbox, world.images, signal),
  );
  const api = giteaClient({ url: sandbox.git.url, token: sandbox.git.token, owner: sandbox.git.username });
  const repos: SeededRepo[] = [];
  for (const repo of world.repos) {
    repos.push(
      await step(`Push git repository ${repo.name} (${repo.branches.join(', ')})`, () =>
        seedRepo(sandbox, api, repo, addresses, signal),
      ),
    );
  }

  const client = clusterClient(sandbox.kubeconfigPath);
  // The namespace the image updater annotations name (`git:secret:argocd/git-creds`).
  const secretRef = { namespace: 'argocd', name: 'git-creds' };
  await step(`Create Secret ${secretRef.namespace}/${secretRef.name}`, () =>
    applyObject(client, gitCredsSecret(sandbox.git, secretRef.namespace), signal),
  );
  const rootDir = world.repos.find((r) => r.name === world.root.repo)!.dir;
  const rootManifest = parse(
    rewriteAddresses(await readFile(join(rootDir, world.root.file), 'utf8'), addresses),
  ) as KubeObject;
  await step(`Create the root Application (${world.root.repo}/${world.root.app.path})`, () =>
    applyObject(client, rootManifest, signal),
  );
  const manual = world.apps.filter((app) => !app.automated);
  await step(`Sync the manual apps once (${manual.map((a) => a.name).join(', ')})`, async () => {
    for (const app of manual) {
      await syncOnce(client, app, { clock: sandbox.clock, timeoutMs: options.timeoutMs ?? 120_000, signal });
    }
  });

  const apps = [world.root.app, ...world.apps].map((app) => ({ ...app, repoURL: repoUrl(addresses, app.repo) }));
  const namespaces = [...new Set(world.apps.map((a) => a.destinationNamespace))]
    .filter((ns) => ns && ns !== sandbox.reconciler.namespace)
    .sort();
  return { repos, apps, namespaces, images, gitCredsSecret: secretRef };
}
