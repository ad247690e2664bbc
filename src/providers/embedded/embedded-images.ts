import type { Clock } from '../../clock/index.ts';
import { CRASH } from '../../kube/kubelet/conventions.ts';
import { pushImage, RegistryClient } from '../../registry/index.ts';
import type { PublishImage } from '../sandbox.ts';

/** The OCI label a version-server image reports its version under (what the kind images' servers answer with). */
export const VERSION_LABEL = 'org.opencontainers.image.version';

/**
 * publishImage for the embedded provider: no Docker, so the image maker pushes a small valid image whose labels
 * carry what the real `sandbox/images/<build>` server would do — its version, or that it crashes at start (which
 * the simulated kubelet honours).
 */
export function embeddedImagePublisher(host: string, clock: Clock) {
  const client = new RegistryClient({ registry: host, clock });
  return async (image: PublishImage) => {
    const labels: Record<string, string> = {
      [VERSION_LABEL]: image.version ?? image.tag,
      'gitops-sandbox.io/build': image.build ?? 'version-server',
    };
    if (image.crash) labels[CRASH] = 'true';
    const { digest } = await pushImage({
      registry: host,
      client,
      repository: image.repository,
      tag: image.tag,
      labels,
      clock,
      ...(image.created ? { created: image.created } : {}),
    });
    return { reference: `${host}/${image.repository}:${image.tag}`, digest };
  };
}
