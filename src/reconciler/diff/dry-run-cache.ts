import { createHash } from 'node:crypto';
import type { KubeObject } from '../../kube/object.ts';

/**
 * Remembers server-side dry-run results so that a reconcile of an unchanged app costs no API call (Argo CD caches
 * server-side diff results the same way, user-guide/diff-strategies.md). The prediction depends only on the target
 * and the live object it is merged into, so the key is the target's content plus the live object's uid and
 * resourceVersion: any change on either side — drift included — misses and runs a fresh dry run. Failures are not
 * cached. Oldest entries are evicted beyond `maxEntries`.
 */
export class DryRunCache {
  readonly #entries = new Map<string, KubeObject>();
  readonly #maxEntries: number;

  constructor(options: { maxEntries?: number } = {}) {
    this.#maxEntries = options.maxEntries ?? 50_000;
  }

  get size(): number {
    return this.#entries.size;
  }

  key(target: KubeObject, live: KubeObject | undefined, fieldManager: string): string {
    const hash = createHash('sha256').update(JSON.stringify(target)).digest('base64url');
    return `${fieldManager}|${hash}|${live?.metadata.uid ?? '-'}|${live?.metadata.resourceVersion ?? '-'}`;
  }

  get(key: string): KubeObject | undefined {
    const found = this.#entries.get(key);
    if (found) {
      // Refresh its place so the entries in use are the last to go.
      this.#entries.delete(key);
      this.#entries.set(key, found);
    }
    return found;
  }

  set(key: string, predicted: KubeObject): void {
    this.#entries.delete(key);
    this.#entries.set(key, predicted);
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}
