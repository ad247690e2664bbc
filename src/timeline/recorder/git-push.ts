import type { Draft } from './transitions/draft.ts';

interface PushPayload {
  ref?: string;
  before?: string;
  after?: string;
  commits?: { id?: string; message?: string }[];
  total_commits?: number;
  repository?: { full_name?: string };
}

/** A Gitea push delivery as a `git/push` event: commits as {id, message} (first line). */
export function gitPushEvent(payload: PushPayload): Draft {
  const repo = payload.repository?.full_name;
  if (!repo || typeof payload.ref !== 'string') throw new Error('not a Gitea push payload');
  const commits = (payload.commits ?? []).map((c) => ({ id: c.id ?? '', message: (c.message ?? '').split('\n')[0]! }));
  const before = payload.before ?? '';
  const after = payload.after ?? '';
  const count = payload.total_commits ?? commits.length;
  return {
    component: 'git',
    type: 'push',
    subject: repo,
    message: `${payload.ref} ${before.slice(0, 7)}..${after.slice(0, 7)} (${count} commit${count === 1 ? '' : 's'})`,
    data: { repo, ref: payload.ref, before, after, commits },
  };
}
