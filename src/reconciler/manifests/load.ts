import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../kube/object.ts';
import { isPlainObject } from '../../kube/object.ts';
import { ReconcilerManifestsError } from './errors.ts';

/** sandbox/reconciler/ in this checkout: the install manifests are data, beside the code that applies them. */
export const RECONCILER_MANIFESTS_DIR = fileURLToPath(new URL('../../../sandbox/reconciler/', import.meta.url));

export interface LoadManifestsOptions {
  dir?: string;
  /** Also the Deployment and Service of `in-cluster/` (default false: the reconciler runs as a host process). */
  inCluster?: boolean;
}

/**
 * The objects of sandbox/reconciler/*.yaml in file-name order (namespace, CRDs, default project, RBAC), then those of
 * in-cluster/ when asked. Empty documents are skipped; anything that is not a Kubernetes object is an error naming
 * the file.
 */
export async function loadReconcilerManifests(options: LoadManifestsOptions = {}): Promise<KubeObject[]> {
  const dir = options.dir ?? RECONCILER_MANIFESTS_DIR;
  const files = await yamlFiles(dir);
  if (options.inCluster) files.push(...(await yamlFiles(join(dir, 'in-cluster'))));
  const objects: KubeObject[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) {
        throw new ReconcilerManifestsError('MANIFESTS_UNREADABLE', `${file}: ${doc.errors[0]!.message}`);
      }
      const value: unknown = doc.toJS();
      if (value === null || value === undefined) continue;
      if (!isPlainObject(value) || typeof value['kind'] !== 'string' || typeof value['apiVersion'] !== 'string') {
        throw new ReconcilerManifestsError(
          'MANIFESTS_UNREADABLE',
          `${file}: a document is not a Kubernetes object (apiVersion and kind are required)`,
        );
      }
      objects.push(value as unknown as KubeObject);
    }
  }
  return objects;
}

async function yamlFiles(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new ReconcilerManifestsError('MANIFESTS_UNREADABLE', `cannot read the reconciler manifests in ${dir}`, {
      cause: error,
    });
  }
  return entries
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => join(dir, name));
}
