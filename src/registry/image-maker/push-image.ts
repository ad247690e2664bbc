import { type Clock, rfc3339 } from '../../clock/index.ts';
import { RegistryClient } from '../client/registry-client.ts';
import { buildImage } from './build-image.ts';

export interface PushImageOptions {
  /** `host:port` of the registry. */
  registry: string;
  repository: string;
  tag: string;
  /** Labels in the image config, e.g. the version it serves or that it crashes. */
  labels?: Record<string, string>;
  /** RFC 3339 creation time; defaults to the clock's now. */
  created?: string;
  clock: Clock;
  credentials?: { username: string; password: string };
  /** Reuse a client (and its connections and auth) across many pushes. */
  client?: RegistryClient;
  signal?: AbortSignal;
}

/** The image maker: pushes a small valid OCI image (config + one layer) under `repository:tag`. */
export async function pushImage(options: PushImageOptions): Promise<{ digest: string }> {
  const { repository, tag, signal } = options;
  const client =
    options.client ??
    new RegistryClient({
      registry: options.registry,
      clock: options.clock,
      ...(options.credentials ? { credentials: options.credentials } : {}),
    });
  const image = buildImage({
    name: `${repository}:${tag}`,
    created: options.created ?? rfc3339(options.clock),
    ...(options.labels ? { labels: options.labels } : {}),
  });
  await client.uploadBlob(repository, image.layer.bytes, signal);
  await client.uploadBlob(repository, image.config.bytes, signal);
  const digest = await client.putManifest(
    repository,
    tag,
    { mediaType: image.manifest.mediaType, body: image.manifest.bytes },
    signal,
  );
  return { digest };
}
