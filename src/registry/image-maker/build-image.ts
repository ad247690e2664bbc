import { gzipSync } from 'node:zlib';
import { sha256 } from '../digest.ts';
import { MediaType } from '../media-types.ts';
import { tar } from './tar.ts';

export interface BlobOf {
  mediaType: string;
  bytes: Uint8Array;
  digest: string;
}

export interface BuiltImage {
  config: BlobOf;
  layer: BlobOf & { diffId: string };
  manifest: BlobOf;
}

export interface BuildImageOptions {
  /** Written into the image's one file, so images with different names differ. */
  name: string;
  labels?: Record<string, string>;
  /** RFC 3339 creation time written into the config. */
  created: string;
  os?: string;
  architecture?: string;
}

/**
 * A small but valid OCI image: one gzip layer holding `/gitops-sandbox/image.json`, a config with labels,
 * created time and platform, and the manifest tying them together. Deterministic for the same options.
 */
export function buildImage(options: BuildImageOptions): BuiltImage {
  const labels = options.labels ?? {};
  const mtime = Math.floor(Date.parse(options.created) / 1000) || 0;
  const file = Buffer.from(`${JSON.stringify({ name: options.name, labels, created: options.created }, null, 2)}\n`);
  const uncompressed = tar([
    { path: 'gitops-sandbox', mtime },
    { path: 'gitops-sandbox/image.json', content: file, mtime },
  ]);
  const gzipped = gzipSync(uncompressed);
  const layer = {
    mediaType: MediaType.ociLayerGzip,
    bytes: gzipped,
    digest: sha256(gzipped),
    diffId: sha256(uncompressed),
  };
  const configJson = {
    created: options.created,
    architecture: options.architecture ?? 'amd64',
    os: options.os ?? 'linux',
    config: {
      Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      Cmd: ['/bin/sh'],
      Labels: labels,
    },
    rootfs: { type: 'layers', diff_ids: [layer.diffId] },
    history: [{ created: options.created, created_by: `gitops-sandbox image maker: ${options.name}` }],
  };
  const configBytes = Buffer.from(JSON.stringify(configJson));
  const config = { mediaType: MediaType.ociConfig, bytes: configBytes, digest: sha256(configBytes) };
  const manifestJson = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    config: { mediaType: config.mediaType, digest: config.digest, size: config.bytes.length },
    layers: [{ mediaType: layer.mediaType, digest: layer.digest, size: layer.bytes.length }],
    annotations: { 'org.opencontainers.image.created': options.created },
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifestJson));
  return {
    config,
    layer,
    manifest: { mediaType: MediaType.ociManifest, bytes: manifestBytes, digest: sha256(manifestBytes) },
  };
}
