import test from 'ava';
import { formatImageReference, parseImageReference, RegistryError, referenceOf } from '../../src/registry/index.ts';

const cases: [string, ReturnType<typeof parseImageReference>][] = [
  ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
  ['nginx:1.27', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27' }],
  ['bitnami/redis:7', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7' }],
  ['docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
  ['index.docker.io/library/nginx:latest', { registry: 'docker.io', repository: 'library/nginx', tag: 'latest' }],
  ['127.0.0.1:5000/app:v1', { registry: '127.0.0.1:5000', repository: 'app', tag: 'v1' }],
  ['localhost/team/app', { registry: 'localhost', repository: 'team/app' }],
  ['localhost:5001/a/b/c:v2.0.0-rc.1', { registry: 'localhost:5001', repository: 'a/b/c', tag: 'v2.0.0-rc.1' }],
  [
    'ghcr.io/org/app@sha256:' + 'a'.repeat(64),
    { registry: 'ghcr.io', repository: 'org/app', digest: `sha256:${'a'.repeat(64)}` },
  ],
  [
    'quay.io/org/app:v1@sha256:' + 'b'.repeat(64),
    { registry: 'quay.io', repository: 'org/app', tag: 'v1', digest: `sha256:${'b'.repeat(64)}` },
  ],
];

for (const [input, expected] of cases) {
  test(`parses ${input}`, (t) => {
    t.deepEqual(parseImageReference(input), expected);
  });
}

test('referenceOf prefers the digest, then the tag, then latest', (t) => {
  t.is(referenceOf(parseImageReference('app')), 'latest');
  t.is(referenceOf(parseImageReference('app:v1')), 'v1');
  t.is(referenceOf(parseImageReference(`app:v1@sha256:${'c'.repeat(64)}`)), `sha256:${'c'.repeat(64)}`);
  t.is(formatImageReference(parseImageReference('nginx:1.27')), 'docker.io/library/nginx:1.27');
});

for (const input of ['', 'team/UPPER', 'app:bad tag', 'app@sha256', 'a//b', 'app:']) {
  test(`rejects "${input}" with INVALID_IMAGE_REFERENCE`, (t) => {
    const error = t.throws(() => parseImageReference(input), { instanceOf: RegistryError });
    t.is(error.code, 'INVALID_IMAGE_REFERENCE');
    t.regex(error.message, /registry\/\]repository/);
  });
}
