import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { SeedError } from './errors.ts';

/** sandbox/world in this checkout (src/providers/seed → ../../../sandbox/world). */
export const DEFAULT_WORLD_DIR = fileURLToPath(new URL('../../../sandbox/world/', import.meta.url));

export interface WorldImage {
  repository: string;
  tags: string[];
  build: string;
}

export interface WorldRepo {
  name: string;
  /** The first is the default branch; every branch starts at the same first commit. */
  branches: string[];
  description: string;
  /** The folder pushed as the repository's tree. */
  dir: string;
}

/** An Application of the world as written in git (canonical addresses). */
export interface WorldApp {
  name: string;
  namespace: string;
  repo: string;
  targetRevision: string;
  path: string;
  destinationNamespace: string;
  automated: boolean;
}

export interface World {
  dir: string;
  images: WorldImage[];
  repos: WorldRepo[];
  /** The app of apps: its manifest file and what it describes. */
  root: { repo: string; file: string; app: WorldApp };
  /** The Applications the root creates from git (the `.yaml` files of the folder it syncs). */
  apps: WorldApp[];
}

/** Reads and checks sandbox/world: images.yaml, repos.yaml, the root Application and the children it syncs. */
export async function loadWorld(dir: string = DEFAULT_WORLD_DIR): Promise<World> {
  const images = list(await readYaml(join(dir, 'images.yaml')), 'images', 'images.yaml').map((item, i) => ({
    repository: text(item, 'repository', `images.yaml images[${i}]`),
    tags: strings(item, 'tags', `images.yaml images[${i}]`),
    build: text(item, 'build', `images.yaml images[${i}]`),
  }));
  const reposDoc = await readYaml(join(dir, 'repos.yaml'));
  const repos = list(reposDoc, 'repos', 'repos.yaml').map((item, i) => {
    const name = text(item, 'name', `repos.yaml repos[${i}]`);
    return {
      name,
      branches: strings(item, 'branches', `repos.yaml repos[${i}]`),
      description: typeof item['description'] === 'string' ? item['description'] : '',
      dir: join(dir, 'repos', name),
    };
  });
  const rootRef = (reposDoc as { root?: Record<string, unknown> }).root ?? {};
  const rootRepo = text(rootRef, 'repo', 'repos.yaml root');
  const rootFile = text(rootRef, 'path', 'repos.yaml root');
  const repoDir = repos.find((r) => r.name === rootRepo)?.dir;
  if (!repoDir) throw invalid(`repos.yaml root.repo ${rootRepo} is not one of the listed repos`);
  const root = appOf(await readYaml(join(repoDir, rootFile)), `${rootRepo}/${rootFile}`);
  const appsDir = join(repoDir, root.path);
  const apps: WorldApp[] = [];
  for (const file of (await readdir(appsDir)).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const content = await readFile(join(appsDir, file), 'utf8');
    for (const doc of parseAllDocuments(content)) apps.push(appOf(doc.toJS(), `${rootRepo}/${root.path}/${file}`));
  }
  return { dir, images, repos, root: { repo: rootRepo, file: rootFile, app: root }, apps };
}

function appOf(doc: unknown, where: string): WorldApp {
  const app = doc as {
    kind?: string;
    metadata?: { name?: string; namespace?: string };
    spec?: {
      source?: { repoURL?: string; targetRevision?: string; path?: string };
      destination?: { namespace?: string };
      syncPolicy?: { automated?: unknown };
    };
  };
  const source = app.spec?.source;
  if (app.kind !== 'Application' || !app.metadata?.name || !source?.repoURL || !source.path) {
    throw invalid(`${where} is not an Application with metadata.name, spec.source.repoURL and spec.source.path`);
  }
  const repo = /\/([^/]+?)(\.git)?$/.exec(source.repoURL)?.[1] ?? source.repoURL;
  return {
    name: app.metadata.name,
    namespace: app.metadata.namespace ?? 'argocd',
    repo,
    targetRevision: source.targetRevision ?? 'HEAD',
    path: source.path,
    destinationNamespace: app.spec?.destination?.namespace ?? '',
    automated: app.spec?.syncPolicy?.automated !== undefined && app.spec.syncPolicy.automated !== null,
  };
}

async function readYaml(file: string): Promise<Record<string, unknown>> {
  let doc: unknown;
  try {
    doc = parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw invalid(`cannot read ${file}: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
  }
  if (typeof doc !== 'object' || doc === null) throw invalid(`${file} is not a YAML mapping`);
  return doc as Record<string, unknown>;
}

function list(doc: Record<string, unknown>, key: string, where: string): Record<string, unknown>[] {
  const value = doc[key];
  if (!Array.isArray(value)) throw invalid(`${where}: ${key} must be a list`);
  return value as Record<string, unknown>[];
}

function text(item: Record<string, unknown>, key: string, where: string): string {
  const value = item[key];
  if (typeof value !== 'string' || value === '') throw invalid(`${where}: ${key} must be a non-empty string`);
  return value;
}

function strings(item: Record<string, unknown>, key: string, where: string): string[] {
  const value = item[key];
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) {
    throw invalid(`${where}: ${key} must be a non-empty list of strings`);
  }
  return value as string[];
}

function invalid(message: string, cause?: unknown): SeedError {
  return new SeedError('WorldInvalid', `the example world is invalid: ${message}`, cause ? { cause } : undefined);
}
