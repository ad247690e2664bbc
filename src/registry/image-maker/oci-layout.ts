import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuiltImage } from './build-image.ts';

/**
 * Writes images into an OCI image layout directory (`oci-layout`, `index.json`, `blobs/sha256/…`), each tagged by
 * `org.opencontainers.image.ref.name`, so `skopeo copy oci:<dir>:<tag> …` can read them.
 */
export async function writeOciLayout(options: {
  dir: string;
  images: { tag: string; image: BuiltImage }[];
}): Promise<void> {
  const { dir, images } = options;
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  for (const { image } of images) {
    for (const blob of [image.layer, image.config, image.manifest]) {
      await writeFile(join(dir, 'blobs', 'sha256', blob.digest.slice('sha256:'.length)), blob.bytes);
    }
  }
  const index = {
    schemaVersion: 2,
    manifests: images.map(({ tag, image }) => ({
      mediaType: image.manifest.mediaType,
      digest: image.manifest.digest,
      size: image.manifest.bytes.length,
      annotations: { 'org.opencontainers.image.ref.name': tag },
    })),
  };
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
}
