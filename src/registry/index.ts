export {
  type ImageConfig,
  type ManifestResponse,
  RegistryClient,
  type RegistryClientOptions,
} from './client/registry-client.ts';
export { type DistributionErrorEntry, RegistryError, type RegistryErrorCode } from './errors.ts';
export { type BuiltImage, buildImage } from './image-maker/build-image.ts';
export { writeOciLayout } from './image-maker/oci-layout.ts';
export { type PushImageOptions, pushImage } from './image-maker/push-image.ts';
export { MediaType } from './media-types.ts';
export { type ImagePullResolver, type PullResolution, registryPullResolver } from './pull-resolver.ts';
export { formatImageReference, type ImageReference, parseImageReference, referenceOf } from './reference.ts';
export type { TagEvent } from './server/context.ts';
export { type RegistryOptions, type StartedRegistry, startRegistry } from './server/server.ts';
