/** Manifest and blob media types the registry stores and the client asks for. */
export const MediaType = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

/** Manifest types that point at a config and layers. */
export const imageManifestTypes: readonly string[] = [MediaType.ociManifest, MediaType.dockerManifest];
/** Manifest types that point at other manifests (multi-platform images). */
export const indexManifestTypes: readonly string[] = [MediaType.ociIndex, MediaType.dockerManifestList];
export const manifestTypes: readonly string[] = [...imageManifestTypes, ...indexManifestTypes];

/** The Accept header a client sends to get any manifest we understand, as containerd and skopeo do. */
export const manifestAccept = manifestTypes.join(', ');
