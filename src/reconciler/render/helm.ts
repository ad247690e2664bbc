import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runTool } from './exec-tool.ts';
import { helmTemplateArgs } from './helm-args.ts';
import { resolveValueFiles } from './helm-values.ts';
import { splitToolOutput } from './kustomize.ts';
import { findTool, type ToolOptions } from './tools.ts';
import type { HelmSource, Manifest, RefSourceTree } from './types.ts';

/**
 * A Helm chart in git through the real `helm template`, as Argo CD's `helmTemplate`: release name from
 * `helm.releaseName` else the app name; namespace the destination's; value files, then `values`/`valuesObject` in a
 * temp file, then parameters. Hooks stay in the output with their `helm.sh/hook` annotations so the sync engine maps
 * pre-* to PreSync and post-* to PostSync. Helm runs with its config, cache and data homes in a scratch directory so
 * the user's repositories and plugins do not leak in.
 */
export async function renderHelm(options: {
  appPath: string;
  repoRoot: string;
  helm: HelmSource | undefined;
  /** The Application's name (not `<ns>_<name>`): Helm release names cannot hold `_`. */
  appName: string;
  destinationNamespace: string | undefined;
  refSources?: Record<string, RefSourceTree> | undefined;
  kubeVersion?: string | undefined;
  apiVersions?: string[] | undefined;
  tools?: ToolOptions;
  workDir?: string;
  signal?: AbortSignal | undefined;
}): Promise<Manifest[]> {
  const helm = options.helm ?? {};
  const binary = await findTool('helm', options.tools);
  const valueFiles = await resolveValueFiles({
    valueFiles: helm.valueFiles ?? [],
    appPath: options.appPath,
    repoRoot: options.repoRoot,
    refSources: options.refSources,
    ignoreMissing: helm.ignoreMissingValueFiles ?? false,
  });
  const fileParameters = [];
  for (const parameter of helm.fileParameters ?? []) {
    const [path] = await resolveValueFiles({
      valueFiles: [parameter.path],
      appPath: options.appPath,
      repoRoot: options.repoRoot,
      refSources: undefined,
      ignoreMissing: false,
    });
    fileParameters.push({ name: parameter.name, path: path! });
  }
  const scratch = await mkdtemp(join(options.workDir ?? tmpdir(), 'helm-'));
  try {
    let extraValuesFile: string | undefined;
    const extraValues = valuesYaml(helm);
    if (extraValues !== undefined) {
      extraValuesFile = join(scratch, 'values.yaml');
      await writeFile(extraValuesFile, extraValues);
    }
    const home = join(scratch, 'home');
    await mkdir(home);
    const args = helmTemplateArgs('.', {
      releaseName: helm.releaseName || options.appName,
      namespace: helm.namespace || options.destinationNamespace,
      kubeVersion: helm.kubeVersion || options.kubeVersion,
      apiVersions: helm.apiVersions ?? options.apiVersions ?? [],
      valueFiles,
      extraValuesFile,
      parameters: helm.parameters ?? [],
      fileParameters,
      skipCrds: helm.skipCrds ?? false,
      skipTests: helm.skipTests ?? false,
      skipSchemaValidation: helm.skipSchemaValidation ?? false,
    });
    const out = await runTool({
      file: binary,
      args,
      cwd: options.appPath,
      env: {
        HELM_CONFIG_HOME: join(home, 'config'),
        HELM_CACHE_HOME: join(home, 'cache'),
        HELM_DATA_HOME: join(home, 'data'),
      },
      what: 'helm template',
      signal: options.signal,
    });
    return splitToolOutput(out, 'helm template');
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Argo CD `ValuesYAML`: valuesObject when set, else the values string; undefined when both are empty. */
function valuesYaml(helm: HelmSource): string | undefined {
  if (helm.valuesObject != null) return stringify(helm.valuesObject);
  if (helm.values) return helm.values;
  return undefined;
}
