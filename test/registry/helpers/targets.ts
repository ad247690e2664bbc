import { type Clock, ScaledClock } from '../../../src/clock/index.ts';
import type { StartedRegistry } from '../../../src/registry/index.ts';
import { startRegistry } from '../../../src/registry/index.ts';
import { startReferenceRegistry } from './reference-registry.ts';
import { tempDir } from './temp-dir.ts';

/** A registry a shared test body runs against: ours, or the reference `docker-registry`. */
export interface Target extends AsyncDisposable {
  kind: 'embedded' | 'reference';
  url: string;
  /** Only for the embedded registry: its fault and event hooks. */
  embedded?: StartedRegistry;
}

export type Auth = { username: string; password: string };

export async function startEmbedded(options: { auth?: Auth; clock?: Clock } = {}): Promise<Target> {
  const dir = await tempDir();
  const registry = await startRegistry({ dataDir: dir.path, clock: new ScaledClock(), ...options });
  return {
    kind: 'embedded',
    url: registry.url,
    embedded: registry,
    async [Symbol.asyncDispose]() {
      await registry.close();
      await dir[Symbol.asyncDispose]();
    },
  };
}

export async function startReference(options: { auth?: Auth } = {}): Promise<Target> {
  const registry = await startReferenceRegistry(options);
  return { kind: 'reference', url: registry.url, [Symbol.asyncDispose]: () => registry.close() };
}

export const targets = [
  { kind: 'embedded', start: startEmbedded },
  { kind: 'reference', start: startReference },
] as const;
