export { PREFIX as ANNOTATION_PREFIX } from './annotations/keys.ts';
export { ImageUpdaterError, type ImageUpdaterErrorCode } from './errors.ts';
export { COMMIT_ANNOTATION, EVENT_COMPONENT, REASON_INVALID, REASON_UPDATED } from './events.ts';
export { DEFAULT_INTERVAL_MS, startImageUpdater } from './image-updater.ts';
export type { UpdaterLogEntry } from './log.ts';
export type {
  ApplicationUpdate,
  ImageUpdate,
  ImageUpdaterOptions,
  StartedImageUpdater,
  UpdateCycleResult,
} from './options.ts';
export type { Credentials } from './registry/credentials.ts';
export { parseRegistriesConf } from './registry/registries-conf.ts';
export type { RegistryConfig } from './registry/registry-config.ts';
export { repositorySecretCredentials } from './repository-credentials.ts';
export { DEFAULT_AUTHOR, DEFAULT_COMMIT_TEMPLATE } from './write-back/commit-message.ts';
