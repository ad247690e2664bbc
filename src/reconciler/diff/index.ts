export { COMPARE_OPTIONS_ANNOTATION, compareApp } from './compare-app.ts';
export { diffSides, yamlSides } from './diff-sides.ts';
export { DryRunCache } from './dry-run-cache.ts';
export { DiffError, type DiffErrorCode } from './errors.ts';
export { type CompiledIgnoreRules, compileIgnoreRules, type IgnoreRule, rulesFor } from './ignore-rules.ts';
export { compileJqPath, type JqPath } from './jq-path.ts';
export { LAST_APPLIED_ANNOTATION, type NormalizeOptions, normalize } from './normalize.ts';
export { hideSecretData } from './secret-data.ts';
export type {
  AppComparison,
  CompareAppOptions,
  ResourceComparison,
  ResourceSyncStatus,
} from './types.ts';
export { toYaml, type UnifiedDiffOptions, unifiedDiff } from './yaml-diff.ts';
