import type { StartedSandbox } from '../sandbox.ts';
import { SeedError } from './errors.ts';
import type { WorldImage } from './world.ts';

export interface PublishedImage {
  repository: string;
  tag: string;
  /** As pods pull it, e.g. `127.0.0.1:41234/letsgo/backend:v1.0.0`. */
  reference: string;
  digest: string;
}

/** Every tag of every world image, through the provider's publishImage (image maker, or docker build on kind). */
export async function publishImages(
  sandbox: Pick<StartedSandbox, 'publishImage'>,
  images: WorldImage[],
  signal?: AbortSignal,
): Promise<PublishedImage[]> {
  const published: PublishedImage[] = [];
  for (const image of images) {
    for (const tag of image.tags) {
      signal?.throwIfAborted();
      try {
        const made = await sandbox.publishImage({ repository: image.repository, tag, build: image.build });
        published.push({ repository: image.repository, tag, ...made });
      } catch (cause) {
        signal?.throwIfAborted();
        throw new SeedError(
          'ImagePublishFailed',
          `publishing image ${image.repository}:${tag} (build ${image.build}) failed: ${cause instanceof Error ? cause.message : String(cause)}`,
          { cause },
        );
      }
    }
  }
  return published;
}
