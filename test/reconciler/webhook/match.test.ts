import test from 'ava';
import {
  filesHaveChanged,
  matchApplication,
  type PushEvent,
  parseRevision,
  refreshPaths,
  revisionMatches,
  webUrlRegex,
} from '../../../src/reconciler/webhook/index.ts';

test('repo URL regex (GetWebURLRegex, webhook_test.go TestGetWebUrlRegex)', (t) => {
  const cases: [string, string, boolean][] = [
    ['https://example.com/org/repo', 'https://example.com/org/repo', true],
    ['https://example.com/org/repo', 'https://example.com/org/repo.git', true],
    ['https://example.com/org/repo', 'HTTPS://EXAMPLE.COM/ORG/REPO', true],
    ['https://example.com/org/repo', 'git@example.com:org/repo', true],
    ['https://example.com/org/repo', 'ssh://git@example.com:2222/org/repo.git', true],
    ['https://example.com/org/repo', 'ssh://git@altssh.example.com:443/org/repo', true],
    ['https://example.com/org/repo', 'https://user@example.com/org/repo', true],
    ['https://example.com/org/repo', 'http://example.com:3000/org/repo', true],
    ['https://example.com/org/repo', 'https://example.com/org/repo2', false],
    ['https://example.com/org/repo', 'https://example.com/org/repo/sub', false],
    ['https://example.com/org/repo', 'https://other.com/org/repo', false],
    ['https://example.com/org/repo', 'https://exampleXcom/org/repo', false],
    ['https://example.com/org/repo', 'ftp://example.com/org/repo', false],
  ];
  for (const [webUrl, repoUrl, expected] of cases)
    t.is(webUrlRegex(webUrl).test(repoUrl), expected, `${webUrl} ~ ${repoUrl}`);
});

test('revision matching (sourceRevisionHasChanged, compareRevisions)', (t) => {
  t.is(parseRevision('refs/heads/feature/x'), 'feature/x');
  const cases: [string | undefined, string, boolean, boolean][] = [
    [undefined, 'main', true, true],
    ['', 'main', false, false],
    ['HEAD', 'dev', false, false],
    ['HEAD', 'main', true, true],
    ['main', 'main', false, true],
    ['refs/heads/main', 'main', false, true],
    ['refs/tags/v1.0.0', 'v1.0.0', false, true],
    ['dev', 'main', true, false],
    ['1.2.*', '1.2.3', false, true],
    ['>=1.0.0 <2.0.0', 'v1.5.0', false, true],
    ['~1.2', '1.3.0', false, false],
    ['1.2.*', 'main', false, false],
    ['feature/x', 'feature/x', false, true],
  ];
  for (const [target, revision, touchedHead, expected] of cases) {
    t.is(revisionMatches(target, revision, touchedHead), expected, `${target} vs ${revision}`);
  }
});

test('manifest-generate-paths (util/app/path GetAppRefreshPaths, AppFilesHaveChanged)', (t) => {
  t.deepEqual(refreshPaths('.;../shared;/charts/common', ['apps/web']), ['apps/web', 'apps/shared', 'charts/common']);
  t.deepEqual(refreshPaths(undefined, ['apps/web']), []);
  t.deepEqual(refreshPaths('.', ['a', 'b']), ['a', 'b']);
  const cases: [string[], string[], boolean][] = [
    [[], ['x.yaml'], true],
    [['apps/web'], [], true],
    [['apps/web'], ['apps/web/deploy.yaml'], true],
    [['apps/web'], ['apps/web'], true],
    [['apps/web'], ['apps/webhook/x.yaml'], false],
    [['apps/web'], ['apps/api/x.yaml', 'README.md'], false],
    [['apps/*/values.yaml'], ['apps/web/values.yaml'], true],
    [['apps/*.yaml'], ['apps/web/values.yaml'], false],
    [['.'], ['anything/at/all'], true],
  ];
  for (const [paths, files, expected] of cases) t.is(filesHaveChanged(paths, files), expected, `${paths} / ${files}`);
});

test('matchApplication per source', (t) => {
  const event: PushEvent = {
    type: 'push',
    provider: 'gogs',
    webUrl: 'http://git.local/org/apps',
    revision: 'main',
    touchedHead: true,
    before: 'a',
    after: 'b',
    changedFiles: ['apps/web/deploy.yaml'],
  };
  const app = (
    annotations: Record<string, string>,
    sources: { repoURL: string; targetRevision?: string; path?: string }[],
  ) => ({
    metadata: { annotations },
    spec: { sources },
  });
  t.deepEqual(matchApplication(app({}, [{ repoURL: 'http://git.local/org/apps.git', path: 'apps/web' }]), event), {
    refresh: true,
    sources: [{ index: 0, repoMatches: true, revisionMatches: true, refresh: true }],
  });
  const watched = { 'argocd.argoproj.io/manifest-generate-paths': '.' };
  t.false(
    matchApplication(
      app(watched, [{ repoURL: 'http://git.local/org/apps', path: 'apps/api', targetRevision: 'main' }]),
      event,
    ).refresh,
  );
  const multi = matchApplication(
    app(watched, [
      { repoURL: 'http://git.local/org/other', path: 'apps/web' },
      { repoURL: 'git@git.local:org/apps.git', path: 'apps/web', targetRevision: 'refs/heads/main' },
    ]),
    event,
  );
  t.deepEqual(
    multi.sources.map((s) => s.refresh),
    [false, true],
  );
  t.true(multi.refresh);
  t.false(
    matchApplication(
      { metadata: {}, spec: { source: { repoURL: 'http://git.local/org/apps', targetRevision: 'v1' } } },
      event,
    ).refresh,
  );
});
