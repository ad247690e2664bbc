import { readdir } from 'node:fs/promises';
import { RenderError } from './errors.ts';
import type { ApplicationSource, SourceTool } from './types.ts';

/** Argo CD `kustomize.IsKustomization`. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * The tool that renders a source, as Argo CD's `GetAppSourceType` (user-guide/tool_detection.md): an explicit
 * `helm`/`kustomize`/`directory` block wins (two blocks are an error); otherwise the files at the source path decide.
 * `discovery.Discover` walks the files in lexical order and the last hit wins: a name ending in `Chart.yaml` means
 * Helm, a kustomization file means Kustomize — so with both, `kustomization.yaml` (k > C) makes it Kustomize.
 */
export async function detectTool(source: ApplicationSource, appPath: string): Promise<SourceTool> {
  const explicit: string[] = [];
  if (source.kustomize != null) explicit.push('Kustomize');
  if (source.helm != null) explicit.push('Helm');
  if (source.directory != null) explicit.push('Directory');
  if (source.plugin != null) explicit.push('Plugin');
  if (explicit.length > 1) {
    throw new RenderError(
      'InvalidSource',
      `multiple application sources defined: ${explicit.join(',')}; keep only one of helm, kustomize, directory, plugin`,
    );
  }
  if (explicit[0] === 'Plugin') {
    throw new RenderError(
      'InvalidSource',
      'config management plugins (spec.source.plugin) are not supported by the sandbox reconciler',
    );
  }
  if (explicit[0]) return explicit[0] as SourceTool;

  let detected: SourceTool = 'Directory';
  const names = (await readdir(appPath, { withFileTypes: true }))
    .filter((entry) => !entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    if (name.endsWith('Chart.yaml')) detected = 'Helm';
    if (KUSTOMIZATION_FILES.includes(name)) detected = 'Kustomize';
  }
  return detected;
}
