import { isMap, isScalar, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { parseImageArgument } from '../../reconciler/render/index.ts';
import { ImageUpdaterError } from '../errors.ts';
import { YAML_FORMAT } from './yaml-format.ts';

const FIELDS = ['newName', 'newTag', 'digest'] as const;

/**
 * `kustomize edit set image <args>` on a kustomization's text, keeping everything else — other keys, their order,
 * comments — as it was: an argument replaces the newName/newTag/digest of the entry with its name (or adds one),
 * and `images` ends up sorted by name as kustomize writes it.
 */
export function setKustomizationImages(text: string, args: readonly string[], file: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new ImageUpdaterError(
      'WriteBackFailed',
      `${file} is not valid YAML (${doc.errors[0]!.message}); fix the file in git`,
    );
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new ImageUpdaterError('WriteBackFailed', `${file} is not a kustomization (expected a mapping)`);
  }
  let images = doc.get('images', true) as YAMLSeq | undefined;
  if (!isSeq(images)) {
    images = doc.createNode([]) as YAMLSeq;
    doc.set('images', images);
  }
  for (const arg of args) {
    const image = parseImageArgument(arg);
    let entry = images.items.find(
      (item): item is YAMLMap => isMap(item) && String((item as YAMLMap).get('name')) === image.name,
    );
    if (!entry) {
      entry = doc.createNode({ name: image.name }) as YAMLMap;
      images.items.push(entry);
    }
    for (const field of FIELDS) {
      const value = image[field];
      const node = entry.get(field, true);
      if (!value) entry.delete(field);
      else if (isScalar(node)) node.value = value;
      else entry.set(field, value);
    }
  }
  images.items.sort((a, b) => {
    const name = (node: unknown) =>
      isMap(node) ? String((node as YAMLMap).get('name') ?? '') : isScalar(node) ? String(node.value) : '';
    const [x, y] = [name(a), name(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return doc.toString(YAML_FORMAT);
}
