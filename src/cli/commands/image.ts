import { Command } from 'commander';
import { ScaledClock } from '../../clock/index.ts';
import { SandboxError } from '../../errors.ts';
import { embeddedImagePublisher } from '../../providers/embedded/embedded-images.ts';
import { DEFAULT_ROOT, execaRunner, kindImagePublisher } from '../../providers/kind/index.ts';
import type { PublishImage } from '../../providers/sandbox.ts';
import { readState, type SandboxState } from '../../providers/state/state-files.ts';
import { RegistryClient } from '../../registry/index.ts';

/** `image push` and `image tags`: what CI does to the sandbox registry, for tutorials and demos. */
export function imageCommand(): Command {
  const image = new Command('image').description("Push images to the running sandbox's registry, list their tags.");
  image
    .command('push')
    .description(
      'Publish REPOSITORY:TAG (e.g. letsgo/backend:v1.0.1): made by the image maker (embedded) or built from sandbox/images/<build> with docker (kind).',
    )
    .argument('<image>', 'repository:tag, without the registry host')
    .option('--build <name>', 'the folder under sandbox/images/ (kind builds it)', 'version-server')
    .option('--app-version <text>', 'what the server answers with (default: the tag)')
    .option('--crash', 'a broken build: the container exits at start (CrashLoopBackOff)')
    .option('--state-dir <dir>', 'the state directory of the running sandbox', '.sandbox')
    .action(
      async (name: string, options: { build: string; appVersion?: string; crash?: boolean; stateDir: string }) => {
        const state = await readState(options.stateDir);
        const { repository, tag } = splitImage(name);
        const published = await publisherFor(state)({
          repository,
          tag,
          build: options.build,
          ...(options.appVersion ? { version: options.appVersion } : {}),
          ...(options.crash ? { crash: true } : {}),
        });
        process.stdout.write(`pushed ${published.reference}@${published.digest}\n`);
      },
    );
  image
    .command('tags')
    .description('List the tags of a repository in the sandbox registry')
    .argument('<repository>', 'e.g. letsgo/backend')
    .option('--state-dir <dir>', 'the state directory of the running sandbox', '.sandbox')
    .action(async (repository: string, options: { stateDir: string }) => {
      const state = await readState(options.stateDir);
      const client = new RegistryClient({ registry: registryHost(state), clock: new ScaledClock() });
      for (const tag of await client.listTags(repository)) process.stdout.write(`${tag}\n`);
    });
  return image;
}

function splitImage(name: string): { repository: string; tag: string } {
  const match = /^([a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*):([\w][\w.-]{0,127})$/.exec(name);
  if (!match) {
    throw new SandboxError(
      'BadImage',
      `"${name}" is not repository:tag without a registry host; write e.g. letsgo/backend:v1.0.1`,
    );
  }
  return { repository: match[1]!, tag: match[2]! };
}

function registryHost(state: SandboxState): string {
  if (!state.registry) throw new SandboxError('NoRegistry', 'this sandbox has no registry in its sandbox.json');
  return state.registry.url.replace(/^https?:\/\//, '');
}

function publisherFor(state: SandboxState): (image: PublishImage) => Promise<{ reference: string; digest: string }> {
  const clock = new ScaledClock({ speed: state.speed });
  if (state.provider === 'kind') return kindImagePublisher({ runner: execaRunner(), rootDir: DEFAULT_ROOT, clock });
  return embeddedImagePublisher(registryHost(state), clock);
}
