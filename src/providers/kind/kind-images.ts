import type { Clock } from '../../clock/index.ts';
import type { PublishImage } from '../sandbox.ts';
import { type CommandRunner, runChecked } from './command-runner.ts';
import { digestFromRepoDigests, publishImageCommands } from './image-plan.ts';

/** publishImage for kind: `docker build` of `sandbox/images/<build>`, `docker push` to the local registry, the digest. */
export function kindImagePublisher(options: {
  runner: CommandRunner;
  rootDir: string;
  clock: Clock;
  signal?: AbortSignal | undefined;
}) {
  const run = (command: Parameters<typeof runChecked>[1]) =>
    runChecked(options.runner, command, { signal: options.signal });
  return async (image: PublishImage) => {
    const plan = publishImageCommands(image, {
      rootDir: options.rootDir,
      created: new Date(options.clock.now()).toISOString(),
    });
    await run(plan.build);
    await run(plan.push);
    const digest = digestFromRepoDigests((await run(plan.inspect)).stdout, image.repository);
    return { reference: plan.reference, digest };
  };
}
