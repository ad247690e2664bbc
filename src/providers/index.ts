import { SandboxError } from '../errors.ts';
import { startEmbeddedSandbox } from './embedded/embedded-sandbox.ts';
import { startHostImageUpdater } from './host-image-updater.ts';
import { startKindSandbox } from './kind/index.ts';
import type { StartedSandbox, StartSandboxOptions } from './sandbox.ts';
import { type SeededWorld, seedWorld, waitForWorld } from './seed/index.ts';
import { Startup } from './startup.ts';

export type {
  GitEndpoint,
  ProviderName,
  PublishImage,
  ReconcilerMode,
  RegistryEndpoint,
  StartedSandbox,
  StartSandboxOptions,
} from './sandbox.ts';
export type { SeededWorld } from './seed/index.ts';
export { Startup, type StepEvent, type StepListener } from './startup.ts';

/** A started sandbox and, unless started with `seedWorld: false`, the example world it was seeded with. */
export type SeededSandbox = StartedSandbox & { readonly world?: SeededWorld };

/** Simulated time the seeded world may take to become Synced and Healthy. */
const WORLD_TIMEOUT_MS = 600_000;

/**
 * Starts a sandbox on the chosen provider, then (by default) seeds the example world and waits until every app
 * is Synced and Healthy. Scenarios, the CLI and tests see only StartedSandbox, so they run unchanged on the
 * embedded world and on kind.
 */
export async function startSandbox(options: StartSandboxOptions): Promise<SeededSandbox> {
  let world: SeededWorld | undefined;
  const seed =
    options.seedWorld === false
      ? undefined
      : async (sandbox: StartedSandbox) => {
          world = await seedAndWait(sandbox, options);
        };
  const sandbox = await startProvider(options, seed);
  return world ? Object.assign(sandbox, { world }) : sandbox;
}

/** Pushes the example world into the sandbox and waits until every app is Synced and Healthy. */
async function seedAndWait(sandbox: StartedSandbox, options: StartSandboxOptions): Promise<SeededWorld> {
  const startup = new Startup({ onStep: options.onStep, signal: options.signal });
  const world = await seedWorld(sandbox, {
    step: (title, run) => startup.step(title, run),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  await startup.step(`Wait for ${world.apps.length} Applications to be Synced and Healthy`, () =>
    waitForWorld(sandbox.kubeconfigPath, world.apps, {
      clock: sandbox.clock,
      timeoutMs: WORLD_TIMEOUT_MS,
      ...(options.signal ? { signal: options.signal } : {}),
    }),
  );
  return world;
}

/** The provider's start; `seed` runs once it is up and before it reports ready (sandbox.json). */
function startProvider(
  options: StartSandboxOptions,
  seed: ((sandbox: StartedSandbox) => Promise<void>) | undefined,
): Promise<StartedSandbox> {
  const reconciler = options.reconciler ?? 'host';
  switch (options.provider) {
    case 'embedded':
      if (reconciler !== 'host') {
        throw new SandboxError(
          'ProviderOption',
          `--reconciler ${reconciler} needs a real cluster; the embedded provider runs the reconciler in-process (use --reconciler host, or --provider kind)`,
        );
      }
      return startEmbeddedSandbox({
        stateDir: options.stateDir,
        ...(options.speed !== undefined ? { speed: options.speed } : {}),
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.nodes !== undefined ? { nodes: options.nodes } : {}),
        ...(options.port !== undefined ? { port: options.port } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onStep ? { onStep: options.onStep } : {}),
        ...(seed ? { beforeReady: seed } : {}),
      });
    case 'kind':
      // Seeding is done above for both providers, so the kind provider is asked not to.
      return startKindSandbox({ ...options, seedWorld: false }, { startImageUpdater: startHostImageUpdater });
    default:
      throw new SandboxError(
        'ProviderOption',
        `unknown provider "${String(options.provider)}"; use --provider embedded or --provider kind`,
      );
  }
}
