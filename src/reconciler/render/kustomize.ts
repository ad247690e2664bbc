import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { RenderError } from './errors.ts';
import { runTool } from './exec-tool.ts';
import { editKustomization, needsEdits } from './kustomize-edit.ts';
import { parseDocuments } from './parse-yaml.ts';
import { KUSTOMIZATION_FILES } from './tool-detection.ts';
import { findTool, type ToolOptions } from './tools.ts';
import type { KustomizeSource, Manifest } from './types.ts';

/**
 * A Kustomize source through the real kustomize built into kubectl (`kubectl kustomize <dir>`). When the source
 * carries images, name prefix/suffix, labels, annotations, replicas or a namespace, Argo CD runs `kustomize edit` in
 * its scratch checkout; the shared tree is read-only, so the whole repository is copied to a temporary directory
 * (overlays reach `../base`) and the kustomization edited there.
 */
export async function renderKustomize(options: {
  appPath: string;
  repoRoot: string;
  kustomize: KustomizeSource | undefined;
  tools?: ToolOptions;
  workDir?: string;
  signal?: AbortSignal | undefined;
}): Promise<Manifest[]> {
  const kubectl = await findTool('kubectl', options.tools);
  if (!needsEdits(options.kustomize)) return build(kubectl, options.appPath, options.repoRoot, options.signal);
  const scratch = await mkdtemp(join(options.workDir ?? tmpdir(), 'kustomize-'));
  try {
    const copy = join(scratch, 'repo');
    await cp(options.repoRoot, copy, { recursive: true, verbatimSymlinks: true });
    const appPath = join(copy, relative(options.repoRoot, options.appPath));
    await editFile(appPath, options.kustomize!);
    return await build(kubectl, appPath, copy, options.signal);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function editFile(appPath: string, kustomize: KustomizeSource): Promise<void> {
  for (const name of KUSTOMIZATION_FILES) {
    const file = join(appPath, name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    const doc = parseDocument(text);
    const kustomization = (doc.toJS() ?? {}) as Record<string, unknown>;
    editKustomization(kustomization, kustomize);
    // The copy keeps the tree's read-only mode: replace the file rather than write into it.
    await rm(file, { force: true });
    await writeFile(file, JSON.stringify(kustomization, null, 2));
    return;
  }
  throw new RenderError(
    'InvalidSource',
    'spec.source.kustomize needs a kustomization.yaml in the source path to apply images, prefixes or labels (kustomize edit: Missing kustomization file)',
  );
}

async function build(kubectl: string, appPath: string, repoRoot: string, signal: AbortSignal | undefined) {
  const out = await runTool({
    file: kubectl,
    args: ['kustomize', appPath],
    cwd: appPath,
    what: `kubectl kustomize ${relative(repoRoot, appPath) || '.'}`,
    signal,
  });
  return splitToolOutput(out, 'kustomize');
}

/** Tool output is trusted to be manifests: any document that is not an object with a kind fails the render. */
export function splitToolOutput(out: string, tool: string): Manifest[] {
  const { objects, problem } = parseDocuments(out);
  if (problem) {
    throw new RenderError(
      'MalformedManifest',
      `${tool} produced an invalid document at output line ${problem.line}: ${problem.reason}`,
    );
  }
  return objects;
}
