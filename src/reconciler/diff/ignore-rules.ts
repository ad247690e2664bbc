import { messageOf } from '../../errors.ts';
import { type KubeObject, parseApiVersion } from '../../kube/object.ts';
import type { ResourceIgnoreDifferences } from '../application/types.ts';
import { globMatch } from '../render/glob.ts';
import { compileJqPath, type JqPath } from './jq-path.ts';

/** An ignoreDifferences entry ready to apply; expressions that did not compile are left out and reported. */
export interface IgnoreRule {
  source: ResourceIgnoreDifferences;
  jsonPointers: string[];
  jqPaths: JqPath[];
  managedFieldsManagers: string[];
}

export interface CompiledIgnoreRules {
  rules: IgnoreRule[];
  errors: string[];
}

const compiled = new WeakMap<ResourceIgnoreDifferences[], CompiledIgnoreRules>();

/** Compiles (once per array) an app's ignoreDifferences; the errors say which jqPathExpressions are not supported. */
export function compileIgnoreRules(entries: ResourceIgnoreDifferences[] | undefined): CompiledIgnoreRules {
  if (!entries) return { rules: [], errors: [] };
  const cached = compiled.get(entries);
  if (cached) return cached;
  const errors: string[] = [];
  const rules = entries.map((source) => ({
    source,
    jsonPointers: source.jsonPointers ?? [],
    managedFieldsManagers: source.managedFieldsManagers ?? [],
    jqPaths: (source.jqPathExpressions ?? []).flatMap((expression) => {
      try {
        return [compileJqPath(expression)];
      } catch (error) {
        errors.push(`ignoreDifferences for kind ${source.kind}: ${messageOf(error)}`);
        return [];
      }
    }),
  }));
  const result = { rules, errors };
  compiled.set(entries, result);
  return result;
}

/**
 * The rules that apply to an object: group and kind glob-matched (an absent group is the core group, ""), name and
 * namespace only when given and then exactly (util/argo/normalizers/diff_normalizer.go `ignoreNormalizer.Normalize`).
 */
export function rulesFor(rules: IgnoreRule[], obj: KubeObject): IgnoreRule[] {
  const group = parseApiVersion(obj.apiVersion).group;
  return rules.filter(
    ({ source }) =>
      globMatch(source.group ?? '', group) &&
      globMatch(source.kind, obj.kind) &&
      (!source.name || source.name === obj.metadata.name) &&
      (!source.namespace || source.namespace === (obj.metadata.namespace ?? '')),
  );
}
