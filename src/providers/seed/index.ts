export {
  CANONICAL_GIT_OWNER,
  CANONICAL_GIT_URL,
  CANONICAL_REGISTRY,
  rewriteAddresses,
  type WorldAddresses,
} from './addresses.ts';
export { SeedError, type SeedErrorCode } from './errors.ts';
export type { PublishedImage } from './publish-images.ts';
export type { SeededRepo } from './seed-repo.ts';
export {
  type SeededApp,
  type SeededWorld,
  type SeedOptions,
  type SeedTarget,
  seedWorld,
} from './seed-world.ts';
export { type WaitForWorldOptions, waitForWorld } from './wait-for-world.ts';
export { DEFAULT_WORLD_DIR, loadWorld, type World, type WorldApp, type WorldImage, type WorldRepo } from './world.ts';
