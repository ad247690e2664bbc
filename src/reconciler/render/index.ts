export { RenderError, type RenderErrorCode } from './errors.ts';
export { globMatch } from './glob.ts';
export { parseImageArgument, setImages } from './kustomize-images.ts';
export {
  type CachedRenderOptions,
  type CachedRenderResult,
  ManifestCache,
  type ManifestCacheOptions,
} from './manifest-cache.ts';
export { applyDestinationNamespace, builtinIsNamespaced, type IsNamespaced } from './namespace.ts';
export {
  type GeneratedManifests,
  generateManifests,
  instanceName,
  type RenderSourceOptions,
  renderSource,
} from './render-source.ts';
export { findTool, type ToolName, type ToolOptions } from './tools.ts';
export type * from './types.ts';
