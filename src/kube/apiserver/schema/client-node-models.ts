import * as models from '@kubernetes/client-node/dist/gen/models/all.js';

/** One field of a generated client-node model: `baseName` is the JSON name, `type` a TypeScript type string. */
export interface ModelAttribute {
  baseName: string;
  type: string;
  format: string;
}

let cached: ReadonlyMap<string, readonly ModelAttribute[]> | undefined;

/**
 * Every model class @kubernetes/client-node generates from Kubernetes' own OpenAPI spec, by class name
 * ("V1Deployment", "CoreV1Event"). Their `attributeTypeMap` is the field list we turn into schemas, so the sandbox
 * follows the installed client's API version without carrying a copy of the spec.
 */
export function clientNodeModels(): ReadonlyMap<string, readonly ModelAttribute[]> {
  if (cached) return cached;
  const found = new Map<string, readonly ModelAttribute[]>();
  for (const [name, value] of Object.entries(models)) {
    const map: unknown =
      typeof value === 'function' ? (value as { attributeTypeMap?: unknown }).attributeTypeMap : undefined;
    if (Array.isArray(map)) found.set(name, map as ModelAttribute[]);
  }
  cached = found;
  return found;
}
