import { isMap, parseDocument } from 'yaml';
import type { ApplicationSource } from '../../reconciler/application/index.ts';
import { parseImageArgument } from '../../reconciler/render/index.ts';
import { ImageUpdaterError } from '../errors.ts';
import { helmParameters, type ImageChange, kustomizeArgument } from './change.ts';
import { YAML_FORMAT } from './yaml-format.ts';

/**
 * The `.argocd-source-<app>.yaml` Argo CD merges over the Application's source. Its lists replace the spec's, so
 * the file carries the spec's entries, then the file's own, then the new ones, each later one winning by name —
 * `kustomize: {images: [...]}` for Kustomize apps, `helm: {parameters: [{name, value, forcestring}]}` for Helm.
 */
export function editSourceOverride(options: {
  text: string;
  file: string;
  tool: 'Kustomize' | 'Helm';
  source: ApplicationSource;
  changes: readonly ImageChange[];
}): string {
  const { text, file, tool, source, changes } = options;
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) {
    throw new ImageUpdaterError('WriteBackFailed', `${file} is not a YAML mapping; fix or delete it in git`);
  }
  const current = (doc.toJS() ?? {}) as {
    kustomize?: { images?: string[] };
    helm?: { parameters?: { name: string; value: string; forcestring?: boolean }[] };
  };
  if (doc.contents === null) doc.contents = doc.createNode({}) as never;
  if (tool === 'Kustomize') {
    const byName = new Map<string, string>();
    const add = (arg: string) => byName.set(parseImageArgument(arg).name, arg);
    for (const arg of source.kustomize?.images ?? []) add(arg);
    for (const arg of current.kustomize?.images ?? []) add(arg);
    for (const change of changes) add(kustomizeArgument(change));
    doc.setIn(['kustomize', 'images'], doc.createNode([...byName.values()]));
  } else {
    const byName = new Map<string, { name: string; value: string; forcestring: boolean }>();
    const add = (p: { name: string; value: string; forcestring?: boolean; forceString?: boolean }) =>
      byName.set(p.name, { name: p.name, value: p.value, forcestring: p.forcestring ?? p.forceString ?? false });
    for (const p of source.helm?.parameters ?? []) add(p);
    for (const p of current.helm?.parameters ?? []) add(p);
    for (const change of changes) for (const p of helmParameters(change)) add({ ...p, forcestring: true });
    doc.setIn(['helm', 'parameters'], doc.createNode([...byName.values()]));
  }
  return doc.toString(YAML_FORMAT);
}
