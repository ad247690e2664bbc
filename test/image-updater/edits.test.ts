import test from 'ava';
import { parse as parseYaml } from 'yaml';
import { parseImageList } from '../../src/image-updater/annotations/image-list.ts';
import { imageSettings } from '../../src/image-updater/annotations/image-settings.ts';
import type { ImageChange } from '../../src/image-updater/write-back/change.ts';
import { CommitMessageTemplate, DEFAULT_COMMIT_TEMPLATE } from '../../src/image-updater/write-back/commit-message.ts';
import { setHelmValues } from '../../src/image-updater/write-back/helm-values-edit.ts';
import { setKustomizationImages } from '../../src/image-updater/write-back/kustomization-edit.ts';
import { editSourceOverride } from '../../src/image-updater/write-back/source-override-edit.ts';

const change = (annotations: Record<string, string>, newTag: string, newDigest?: string): ImageChange => {
  const [entry] = parseImageList(annotations['argocd-image-updater.argoproj.io/image-list']!).entries;
  const { settings } = imageSettings(annotations, entry!);
  return {
    settings,
    fullName: `${entry!.image.registry}/${entry!.image.repository}`,
    imageName: entry!.image.repository,
    oldTag: 'v1',
    newTag,
    ...(newDigest ? { newDigest } : {}),
  };
};

test('kustomization: set image like kustomize edit — replace by name, add new ones sorted, keep comments', (t) => {
  const text =
    '# overlay\nimages:\n  - name: zeta # z\n    newTag: "1"\n  - name: web\n    newName: old/web\n    newTag: v1 # pinned\n';
  const out = setKustomizationImages(text, ['web=reg:5000/web:v2', 'alpha@sha256:abc'], 'k.yaml');
  t.is(
    out,
    '# overlay\nimages:\n  - name: alpha\n    digest: sha256:abc\n  - name: web\n    newName: reg:5000/web\n    newTag: v2 # pinned\n  - name: zeta # z\n    newTag: "1"\n',
  );
  t.is(
    setKustomizationImages('resources: [a.yaml]\n', ['x:1'], 'k'),
    'resources: [a.yaml]\nimages:\n  - name: x\n    newTag: "1"\n',
  );
});

test('helm values: dotted keys, maps created on the way, number-like tags quoted so Helm keeps them strings', (t) => {
  const out = setHelmValues(
    '# values\nimage:\n  tag: v1 # t\n',
    [
      { name: 'image.tag', value: '1.0' },
      { name: 'backend.image.repository', value: 'reg/app' },
    ],
    'values.yaml',
  );
  t.is(out, '# values\nimage:\n  tag: "1.0" # t\nbackend:\n  image:\n    repository: reg/app\n');
});

test('.argocd-source file: Helm parameters merged by name with the spec and the file, forcestring as the real tool', (t) => {
  const c = change({ 'argocd-image-updater.argoproj.io/image-list': 'api=reg:5000/api' }, 'v2');
  const out = editSourceOverride({
    text: 'helm:\n  parameters:\n    - {name: image.tag, value: v1, forcestring: true}\n    - {name: extra, value: "x"}\n',
    file: 'f',
    tool: 'Helm',
    source: { repoURL: 'r', helm: { parameters: [{ name: 'replicas', value: '2' }] } },
    changes: [c],
  });
  t.deepEqual((parseYaml(out) as { helm: { parameters: unknown[] } }).helm.parameters, [
    { name: 'replicas', value: '2', forcestring: false },
    { name: 'image.tag', value: 'v2', forcestring: true },
    { name: 'extra', value: 'x', forcestring: false },
    { name: 'image.name', value: 'reg:5000/api', forcestring: true },
  ]);
  const digest = change(
    {
      'argocd-image-updater.argoproj.io/image-list': 'web=reg:5000/web:latest',
      'argocd-image-updater.argoproj.io/web.kustomize.image-name': 'web',
    },
    'latest@sha256:ff',
    'sha256:ff',
  );
  t.is(
    editSourceOverride({ text: '', file: 'f', tool: 'Kustomize', source: { repoURL: 'r' }, changes: [digest] }),
    'kustomize:\n  images:\n    - web=reg:5000/web@sha256:ff\n',
  );
});

test('commit message: the real default template, and custom ones in the same Go template subset', (t) => {
  const data = {
    AppName: 'letsgo-dev',
    AppChanges: [
      { Image: 'reg/backend', OldTag: 'v1', NewTag: 'v2' },
      { Image: 'reg/frontend', OldTag: 'v3', NewTag: 'v4' },
    ],
  };
  t.is(
    new CommitMessageTemplate(DEFAULT_COMMIT_TEMPLATE).render(data),
    "build: automatic update of letsgo-dev\n\nupdates image reg/backend tag 'v1' to 'v2'\nupdates image reg/frontend tag 'v3' to 'v4'\n",
  );
  t.is(
    new CommitMessageTemplate(
      'chore({{ .AppName }}): bump{{ range .AppChanges }} {{ .Image }}={{ .NewTag }}{{ end }}',
    ).render(data),
    'chore(letsgo-dev): bump reg/backend=v2 reg/frontend=v4',
  );
  t.throws(() => new CommitMessageTemplate('{{ if .X }}'), { message: /unsupported action '\{\{ if \.X \}\}'/ });
  t.throws(() => new CommitMessageTemplate('{{ range .AppChanges }}'), { message: /without '\{\{ end \}\}'/ });
});
