import { SandboxError } from '../errors.ts';
import { startEmbeddedSandbox } from './embedded/embedded-sandbox.ts';
import type { StartedSandbox, StartSandboxOptions } from './sandbox.ts';

export type {
  GitEndpoint,
  ProviderName,
  PublishImage,
  ReconcilerMode,
  RegistryEndpoint,
  StartedSandbox,
  StartSandboxOptions,
} from './sandbox.ts';
export { Startup, type StepEvent, type StepListener } from './startup.ts';

/**
 * Starts a sandbox on the chosen provider. Scenarios, the CLI and tests call this and see only StartedSandbox, so
 * they run unchanged on the embedded world and on kind.
 */
export async function startSandbox(options: StartSandboxOptions): Promise<StartedSandbox> {
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
      });
    case 'kind':
      throw new SandboxError('ProviderOption', 'the kind provider is not available in this build yet');
    default:
      throw new SandboxError(
        'ProviderOption',
        `unknown provider "${String(options.provider)}"; use --provider embedded or --provider kind`,
      );
  }
}
