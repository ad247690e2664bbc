import type { Application } from '../reconciler/application/index.ts';
import { type ImageReference, parseImageReference } from '../registry/index.ts';

/** The images an Application runs (`status.summary.images`), parsed; unparsable entries are ignored. */
export function liveImages(app: Application): ImageReference[] {
  const out: ImageReference[] = [];
  for (const text of app.status?.summary?.images ?? []) {
    try {
      out.push(parseImageReference(text));
    } catch {
      // Not an image reference we can compare; the real tool skips these too.
    }
  }
  return out;
}

/** The live image with the same registry and repository (the tag does not matter), as ContainsImage. */
export function findLive(images: readonly ImageReference[], wanted: ImageReference): ImageReference | undefined {
  return images.find((live) => live.registry === wanted.registry && live.repository === wanted.repository);
}

/** Only Kustomize and Helm apps are updated, as the real tool (GetApplicationType from status.sourceType). */
export function applicationTool(app: Application): 'Kustomize' | 'Helm' | undefined {
  const type = (app.status as { sourceType?: string } | undefined)?.sourceType;
  return type === 'Kustomize' || type === 'Helm' ? type : undefined;
}
