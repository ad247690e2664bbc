import { createHmac } from 'node:crypto';
import test from 'ava';
import { parseWebhook, WebhookError, type WebhookErrorCode } from '../../../src/reconciler/webhook/index.ts';

const push = JSON.stringify({
  ref: 'refs/heads/main',
  before: 'aaa',
  after: 'bbb',
  repository: { html_url: 'http://git.local/org/apps', default_branch: 'main' },
  commits: [
    { added: ['apps/web/a.yaml'], modified: ['README.md'], removed: [] },
    { added: [], modified: [], removed: ['apps/api/b.yaml'] },
  ],
});
const hex = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('hex');
const secrets = { gogs: 'gogs-s', github: 'gh-s', gitlab: 'gl-s' };

test('a Gitea delivery (Gogs + GitHub headers) is verified as Gogs against webhook.gogs.secret', (t) => {
  const event = parseWebhook(
    {
      headers: {
        'x-gitea-event': 'push',
        'X-Gogs-Event': 'push',
        'X-GitHub-Event': 'push',
        'X-Gogs-Signature': hex(push, 'gogs-s'),
        'X-Hub-Signature-256': `sha256=${hex(push, 'some-other-secret')}`,
      },
      body: push,
    },
    { secrets },
  );
  t.deepEqual(event, {
    type: 'push',
    provider: 'gogs',
    webUrl: 'http://git.local/org/apps',
    revision: 'main',
    touchedHead: true,
    before: 'aaa',
    after: 'bbb',
    changedFiles: ['apps/web/a.yaml', 'README.md', 'apps/api/b.yaml'],
  });
});

test('GitHub push and ping; GitLab push with token', (t) => {
  const gh = parseWebhook(
    {
      headers: { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': `sha256=${hex(push, 'gh-s')}` },
      body: Buffer.from(push),
    },
    { secrets },
  );
  t.like(gh, { type: 'push', provider: 'github', revision: 'main' });
  const ping = JSON.stringify({ zen: 'Keep it logically awesome.' });
  t.deepEqual(
    parseWebhook(
      { headers: { 'X-GitHub-Event': 'ping', 'X-Hub-Signature-256': `sha256=${hex(ping, 'gh-s')}` }, body: ping },
      { secrets },
    ),
    {
      type: 'ignored',
      provider: 'github',
      reason: 'ping event',
    },
  );
  const gl = JSON.stringify({
    ref: 'refs/tags/v1.2.0',
    project: { web_url: 'https://gitlab.example/g/r', default_branch: 'main' },
    commits: [],
  });
  t.like(
    parseWebhook({ headers: { 'X-Gitlab-Event': 'Tag Push Hook', 'X-Gitlab-Token': 'gl-s' }, body: gl }, { secrets }),
    {
      provider: 'gitlab',
      revision: 'v1.2.0',
      touchedHead: false,
      webUrl: 'https://gitlab.example/g/r',
    },
  );
  t.like(
    parseWebhook({ headers: { 'X-Gogs-Event': 'push' }, body: push }, { secrets: {} }),
    { provider: 'gogs' },
    'no secret, no check',
  );
});

test('every failed check says which one, with a stable code and HTTP status', (t) => {
  const cases: [string, Parameters<typeof parseWebhook>[0], WebhookErrorCode, number, RegExp][] = [
    [
      'no event header',
      { headers: { 'Content-Type': 'application/json' }, body: push },
      'WEBHOOK_UNKNOWN_EVENT',
      400,
      /X-Gogs-Event, X-GitHub-Event or X-Gitlab-Event/,
    ],
    [
      'gogs non-push',
      { headers: { 'X-Gogs-Event': 'create' }, body: push },
      'WEBHOOK_EVENT_NOT_ACCEPTED',
      400,
      /"create" is not handled/,
    ],
    [
      'gogs missing signature',
      { headers: { 'X-Gogs-Event': 'push' }, body: push },
      'WEBHOOK_SIGNATURE_MISSING',
      401,
      /missing X-Gogs-Signature/,
    ],
    [
      'gogs bad signature',
      { headers: { 'X-Gogs-Event': 'push', 'X-Gogs-Signature': hex(push, 'wrong') }, body: push },
      'WEBHOOK_SIGNATURE_MISMATCH',
      401,
      /webhook\.gogs\.secret/,
    ],
    [
      'github sha1 only',
      { headers: { 'X-GitHub-Event': 'push', 'X-Hub-Signature': 'sha1=00' }, body: push },
      'WEBHOOK_SIGNATURE_MISSING',
      401,
      /X-Hub-Signature-256/,
    ],
    [
      'github tampered body',
      { headers: { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': `sha256=${hex(push, 'gh-s')}` }, body: `${push} ` },
      'WEBHOOK_SIGNATURE_MISMATCH',
      401,
      /github/,
    ],
    [
      'gitlab wrong token',
      { headers: { 'X-Gitlab-Event': 'Push Hook', 'X-Gitlab-Token': 'nope' }, body: push },
      'WEBHOOK_TOKEN_MISMATCH',
      401,
      /X-Gitlab-Token/,
    ],
    [
      'gitlab merge request',
      { headers: { 'X-Gitlab-Event': 'Merge Request Hook' }, body: push },
      'WEBHOOK_EVENT_NOT_ACCEPTED',
      400,
      /Merge Request Hook/,
    ],
    [
      'not JSON',
      { headers: { 'X-Gitlab-Event': 'Push Hook', 'X-Gitlab-Token': 'gl-s' }, body: 'payload=%7B%7D' },
      'WEBHOOK_PAYLOAD_INVALID',
      400,
      /not valid JSON/,
    ],
    [
      'no repository',
      { headers: { 'X-Gitlab-Event': 'Push Hook', 'X-Gitlab-Token': 'gl-s' }, body: '{"ref":"refs/heads/main"}' },
      'WEBHOOK_PAYLOAD_INVALID',
      400,
      /project\.web_url/,
    ],
  ];
  for (const [name, request, code, status, message] of cases) {
    const error = t.throws(() => parseWebhook(request, { secrets }), { instanceOf: WebhookError, message }, name);
    t.is(error?.code, code, name);
    t.is(error?.httpStatus, status, name);
  }
  const big = t.throws(
    () =>
      parseWebhook({ headers: { 'X-Gogs-Event': 'push' }, body: 'x'.repeat(101) }, { secrets, maxPayloadBytes: 100 }),
    {
      instanceOf: WebhookError,
    },
  );
  t.is(big?.code, 'WEBHOOK_PAYLOAD_TOO_LARGE');
  t.is(big?.httpStatus, 413);
});
