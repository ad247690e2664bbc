import { join } from 'node:path';
import type { PublishImage } from '../sandbox.ts';
import type { Command } from './command-runner.ts';
import { KindError } from './errors.ts';
import { REGISTRY_HOST } from './versions.ts';

/** The `sandbox/images/<build>` folder names allowed: one path segment, no tricks. */
const BUILD_NAME = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * The docker commands behind publishImage: build `sandbox/images/<build>` with VERSION and CRASH build args
 * (and SOURCE_DATE_EPOCH, which BuildKit writes as the image config's `created`), push it to the local registry,
 * then read the pushed digest back from `docker inspect`.
 */
export function publishImageCommands(
  image: PublishImage,
  options: { rootDir: string; created: string },
): { reference: string; build: Command; push: Command; inspect: Command } {
  const build = image.build ?? 'version-server';
  if (!BUILD_NAME.test(build)) {
    throw new KindError('UnsupportedOption', `image build "${build}" is not a folder name under sandbox/images/`);
  }
  const reference = `${REGISTRY_HOST}/${image.repository}:${image.tag}`;
  const epoch = Math.floor(Date.parse(image.created ?? options.created) / 1000);
  return {
    reference,
    build: {
      file: 'docker',
      args: [
        'build',
        '--build-arg',
        `VERSION=${image.version ?? image.tag}`,
        '--build-arg',
        `CRASH=${image.crash ? 'true' : 'false'}`,
        '--build-arg',
        `SOURCE_DATE_EPOCH=${Number.isFinite(epoch) ? epoch : 0}`,
        '--tag',
        reference,
        join('sandbox', 'images', build),
      ],
      cwd: options.rootDir,
    },
    push: { file: 'docker', args: ['push', reference] },
    inspect: { file: 'docker', args: ['image', 'inspect', '--format', '{{json .RepoDigests}}', reference] },
  };
}

/** The digest of `repository` in `docker image inspect --format '{{json .RepoDigests}}'` output. */
export function digestFromRepoDigests(stdout: string, repository: string): string {
  let digests: unknown;
  try {
    digests = JSON.parse(stdout.trim());
  } catch {
    digests = undefined;
  }
  const prefix = `${REGISTRY_HOST}/${repository}@`;
  const found = Array.isArray(digests) ? digests.find((d) => typeof d === 'string' && d.startsWith(prefix)) : undefined;
  if (typeof found !== 'string') {
    throw new KindError(
      'UnexpectedOutput',
      `docker did not report a digest for ${REGISTRY_HOST}/${repository} after the push (RepoDigests: ${stdout.trim() || 'empty'})`,
    );
  }
  return found.slice(prefix.length);
}
