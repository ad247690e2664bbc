import type { HelmParameter } from './types.ts';

/**
 * Argo CD escapes unescaped commas in `--set` values so one parameter stays one value (util/helm/cmd.go
 * `cleanSetParameters`); a `{a,b}` list literal is left alone.
 */
export function cleanSetParameter(value: string): string {
  if (value.startsWith('{') && value.endsWith('}')) return value;
  return value.replace(/([^\\]),/g, '$1\\,');
}

export interface HelmTemplateArgs {
  releaseName: string;
  namespace: string | undefined;
  kubeVersion: string | undefined;
  apiVersions: string[];
  valueFiles: string[];
  /** The temp file holding `values`/`valuesObject`, passed after the value files. */
  extraValuesFile: string | undefined;
  parameters: HelmParameter[];
  fileParameters: { name: string; path: string }[];
  skipCrds: boolean;
  skipTests: boolean;
  skipSchemaValidation: boolean;
}

/**
 * The `helm template` command line Argo CD builds (util/helm/cmd.go `template`). Parameters are a map there, so a
 * repeated name keeps its last value; helm itself applies values files first, then --set, --set-string, --set-file.
 */
export function helmTemplateArgs(chartPath: string, options: HelmTemplateArgs): string[] {
  const args = ['template', chartPath, '--name-template', options.releaseName];
  if (options.namespace) args.push('--namespace', options.namespace);
  if (options.kubeVersion) args.push('--kube-version', options.kubeVersion);
  const set = new Map<string, string>();
  const setString = new Map<string, string>();
  for (const parameter of options.parameters) {
    (parameter.forceString ? setString : set).set(parameter.name, parameter.value ?? '');
  }
  for (const [name, value] of set) args.push('--set', `${name}=${cleanSetParameter(value)}`);
  for (const [name, value] of setString) args.push('--set-string', `${name}=${cleanSetParameter(value)}`);
  for (const { name, path } of options.fileParameters) args.push('--set-file', `${name}=${cleanSetParameter(path)}`);
  for (const file of options.valueFiles) args.push('--values', file);
  if (options.extraValuesFile) args.push('--values', options.extraValuesFile);
  for (const version of options.apiVersions) args.push('--api-versions', version);
  if (!options.skipCrds) args.push('--include-crds');
  if (options.skipTests) args.push('--skip-tests');
  if (options.skipSchemaValidation) args.push('--skip-schema-validation');
  return args;
}
