import { createHash } from 'node:crypto';
import {
  formatImageReference,
  type ImagePullResolver,
  type PullResolution,
  parseImageReference,
} from '../../../registry/index.ts';
import type { PulledImage } from './pod-memory.ts';

export type PullOutcome = { ok: true; pulled: PulledImage; sizeBytes: number } | { ok: false; message: string };

/**
 * Pulls (checks) one image through the hook: known registries must have the manifest; unknown registries (Docker
 * Hub, quay.io …) are pullable with a digest made up from the reference, stable across runs.
 */
export function pullImage(
  image: string,
  resolver: ImagePullResolver | undefined,
  signal: AbortSignal,
): PullOutcome | Promise<PullOutcome> {
  // Without a hook the answer is known at once: stay synchronous so a ManualClock run is fully deterministic.
  if (!resolver) return outcomeOf(image, { status: 'unknown-registry' });
  return resolver.resolve(image, signal).then((resolution) => outcomeOf(image, resolution));
}

function outcomeOf(image: string, resolution: PullResolution): PullOutcome {
  if (resolution.status === 'not-found') return { ok: false, message: resolution.message };
  const digest =
    resolution.status === 'found' ? resolution.digest : `sha256:${createHash('sha256').update(image).digest('hex')}`;
  const labels = resolution.status === 'found' ? resolution.labels : {};
  const named = normalize(image);
  return {
    ok: true,
    pulled: { image: named.image, imageID: `${named.repository}@${digest}`, labels },
    // (inferred) A plausible small image size for the Pulled message, derived from the digest so it is stable.
    sizeBytes: 5_000_000 + (Number.parseInt(digest.slice(7, 13), 16) % 50_000_000),
  };
}

/** The names containerd reports: docker.io/library/nginx:1.27 and docker.io/library/nginx (for imageID). */
export function normalize(image: string): { image: string; repository: string } {
  try {
    const ref = parseImageReference(image);
    const repository = `${ref.registry}/${ref.repository}`;
    return {
      image: formatImageReference({ ...ref, ...(ref.tag || ref.digest ? {} : { tag: 'latest' }) }),
      repository,
    };
  } catch {
    return { image, repository: image };
  }
}
