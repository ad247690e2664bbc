import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Application } from '../../reconciler/application/index.ts';
import type { WriteBackConfig } from '../annotations/write-back-config.ts';
import { ImageUpdaterError } from '../errors.ts';
import { helmParameters, type ImageChange, kustomizeArgument } from './change.ts';
import { setHelmValues } from './helm-values-edit.ts';
import { setKustomizationImages } from './kustomization-edit.ts';
import { editSourceOverride } from './source-override-edit.ts';

/** The edit a git write-back makes in the checkout, per write-back-target. */
export async function applyEdits(
  checkout: string,
  config: Extract<WriteBackConfig, { method: 'git' }>,
  app: Application,
  tool: 'Kustomize' | 'Helm',
  changes: readonly ImageChange[],
): Promise<void> {
  const { target } = config;
  if (target.kind === 'kustomization') {
    const dir = join(checkout, target.dir);
    const names = await readdir(dir).catch(() => [] as string[]);
    const file = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].find((n) => names.includes(n));
    if (!file) {
      throw new ImageUpdaterError(
        'WriteBackFailed',
        `write-back-target kustomization: no kustomization.yaml in '${target.dir || '.'}' of ${config.repoURL}; point the target at the overlay's directory`,
      );
    }
    const path = join(dir, file);
    await writeFile(
      path,
      setKustomizationImages(await readFile(path, 'utf8'), changes.map(kustomizeArgument), `${target.dir}/${file}`),
    );
    return;
  }
  const relative = target.file;
  const path = join(checkout, relative);
  const text = await readFile(path, 'utf8').catch(() => '');
  await mkdir(dirname(path), { recursive: true });
  if (target.kind === 'helmvalues') {
    await writeFile(path, setHelmValues(text, changes.flatMap(helmParameters), relative));
  } else {
    await writeFile(path, editSourceOverride({ text, file: relative, tool, source: app.spec.source!, changes }));
  }
}
