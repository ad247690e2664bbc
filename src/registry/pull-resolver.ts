import { messageOf } from '../errors.ts';
import type { RegistryClient } from './client/registry-client.ts';
import { parseImageReference, referenceOf } from './reference.ts';

export type PullResolution =
  | { status: 'found'; digest: string; labels: Record<string, string> }
  | { status: 'not-found'; message: string }
  | { status: 'unknown-registry' };

/** The kubelet's image-pull hook: does this image exist, and what do its labels say? */
export interface ImagePullResolver {
  resolve(image: string, signal?: AbortSignal): Promise<PullResolution>;
}

/**
 * Checks images of registries the sandbox knows (keyed by `host:port`, as image references name them) and answers
 * `unknown-registry` for the rest, which the kubelet treats as pullable. Any failure to get the image — missing tag,
 * invalid reference, registry outage or timeout — is `not-found` with the reason, since a real kubelet reports all
 * of them as ErrImagePull and retries with back-off.
 */
export function registryPullResolver(options: { knownRegistries: Map<string, RegistryClient> }): ImagePullResolver {
  const { knownRegistries } = options;
  const clientFor = (registry: string) =>
    knownRegistries.get(registry) ??
    knownRegistries.get(registry.replace(/^localhost(?=:|$)/, '127.0.0.1')) ??
    knownRegistries.get(registry.replace(/^127\.0\.0\.1(?=:|$)/, 'localhost'));
  return {
    async resolve(image, signal) {
      let parsed: ReturnType<typeof parseImageReference>;
      try {
        parsed = parseImageReference(image);
      } catch (error) {
        return { status: 'not-found', message: messageOf(error) };
      }
      const client = clientFor(parsed.registry);
      if (!client) return { status: 'unknown-registry' };
      try {
        const config = await client.getImageConfig(parsed.repository, referenceOf(parsed), signal);
        return { status: 'found', digest: config.digest, labels: config.labels };
      } catch (error) {
        signal?.throwIfAborted();
        return { status: 'not-found', message: `failed to pull image "${image}": ${messageOf(error)}` };
      }
    },
  };
}
