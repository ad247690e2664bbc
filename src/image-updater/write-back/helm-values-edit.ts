import { isMap, isScalar, parseDocument } from 'yaml';
import { ImageUpdaterError } from '../errors.ts';
import { YAML_FORMAT } from './yaml-format.ts';

/**
 * Sets dotted keys (`image.tag`, `backend.image.repository`) in a Helm values file, creating the maps on the way
 * and keeping the rest of the file and its comments.
 */
export function setHelmValues(text: string, values: readonly { name: string; value: string }[], file: string): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new ImageUpdaterError(
      'WriteBackFailed',
      `${file} is not valid YAML (${doc.errors[0]!.message}); fix the file in git`,
    );
  }
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new ImageUpdaterError('WriteBackFailed', `${file} is not a Helm values file (expected a mapping)`);
  }
  if (doc.contents === null) doc.contents = doc.createNode({}) as never;
  for (const { name, value } of values) {
    const path = name.split('.');
    const node = doc.getIn(path, true);
    // Changing the scalar in place keeps its comment and quoting.
    if (isScalar(node)) node.value = value;
    else doc.setIn(path, value);
  }
  return doc.toString(YAML_FORMAT);
}
