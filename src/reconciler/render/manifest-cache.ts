import { createHash } from 'node:crypto';
import type { Clock } from '../../clock/index.ts';
import { canonicalJson } from '../../json/json-equal.ts';
import { abortable, Coalescer } from '../repo/abortable.ts';
import { applyDestinationNamespace } from './namespace.ts';
import { type GeneratedManifests, generateManifests, instanceName, type RenderSourceOptions } from './render-source.ts';
import type { RenderResult } from './types.ts';

/** Argo CD's repo-server keeps generated manifests 24 h (`--repo-cache-expiration`, operator-manual/high_availability.md). */
const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

export interface ManifestCacheOptions {
  clock: Clock;
  ttlMs?: number;
  /** Least recently used entries beyond this are dropped. */
  maxEntries?: number;
}

export interface CachedRenderOptions extends RenderSourceOptions {
  /** The commit SHA `repo` holds: the heart of the key. */
  revision: string;
  /** A hard refresh (`argocd.argoproj.io/refresh: hard`) renders again and replaces the entry. */
  hardRefresh?: boolean;
}

export interface CachedRenderResult extends RenderResult {
  cacheHit: boolean;
}

interface Entry {
  at: number;
  generated: GeneratedManifests;
}

/**
 * Rendered manifests by (commit SHA, source spec, app name and what else changes the output), as the repo-server's
 * manifest cache. What is cached is the cluster-independent output; the destination namespace is applied on every
 * read because the cluster's knowledge of kinds can change. Failures are not cached. Concurrent renders of one key
 * share one tool run. Callers get their own copies of the objects.
 */
export class ManifestCache {
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #entries = new Map<string, Entry>();
  readonly #renders = new Coalescer<GeneratedManifests>();
  #hits = 0;
  #misses = 0;

  constructor(options: ManifestCacheOptions) {
    this.#clock = options.clock;
    this.#ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.#maxEntries = options.maxEntries ?? 10_000;
  }

  async render(options: CachedRenderOptions): Promise<CachedRenderResult> {
    const key = cacheKey(options);
    let entry = options.hardRefresh ? undefined : this.#entries.get(key);
    if (entry && this.#clock.now() - entry.at >= this.#ttlMs) {
      this.#entries.delete(key);
      entry = undefined;
    }
    const cacheHit = entry !== undefined;
    if (entry) {
      this.#hits++;
      this.#entries.delete(key);
      this.#entries.set(key, entry); // most recently used last
    } else {
      this.#misses++;
      const { signal, ...shared } = options;
      const generated = await abortable(
        this.#renders.run(`${key}${options.hardRefresh ? ':hard' : ''}`, () => generateManifests(shared)),
        signal,
      );
      entry = { at: this.#clock.now(), generated };
      this.#entries.set(key, entry);
      while (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    }
    return {
      cacheHit,
      tool: entry.generated.tool,
      manifests: applyDestinationNamespace({
        manifests: structuredClone(entry.generated.manifests),
        destinationNamespace: options.destinationNamespace,
        isNamespaced: options.isNamespaced,
      }),
    };
  }

  /** Drops every entry (e.g. after the render tools changed). */
  clear(): void {
    this.#entries.clear();
  }

  stats(): { entries: number; hits: number; misses: number } {
    return { entries: this.#entries.size, hits: this.#hits, misses: this.#misses };
  }
}

/** Everything but the cluster-dependent namespace step that can change `generateManifests`' output. */
export function cacheKey(options: CachedRenderOptions): string {
  const refRevisions = Object.entries(options.refSources ?? {})
    .map(([name, ref]) => [name, ref.revision ?? ref.repo])
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  const material = {
    revision: options.revision,
    source: canonicalJson(options.source),
    app: instanceName(options),
    appName: options.appName,
    destinationNamespace: options.destinationNamespace ?? '',
    kubeVersion: options.kubeVersion ?? '',
    apiVersions: options.apiVersions ?? [],
    refRevisions,
  };
  return createHash('sha256').update(JSON.stringify(material)).digest('hex');
}
