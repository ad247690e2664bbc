import { type Json, toPayloadCommit } from '../api/convert.ts';
import { type PushEvent, ZERO_SHA } from '../types.ts';

/** The body of a Gitea `push` delivery (structs.PushPayload). */
export function pushPayload(options: {
  event: PushEvent;
  totalCommits: number;
  repository: { [key: string]: Json };
  pusher: { [key: string]: Json };
  usernameOf: (email: string) => string;
}): { [key: string]: Json } {
  const { event } = options;
  const html = String(options.repository.html_url);
  const commits = event.commits.map((c) => toPayloadCommit(c, html, options.usernameOf));
  const head = event.commits.find((c) => c.id === event.after);
  return {
    ref: event.ref,
    before: event.before,
    after: event.after,
    compare_url:
      event.before === ZERO_SHA || event.after === ZERO_SHA ? '' : `${html}/compare/${event.before}...${event.after}`,
    commits,
    total_commits: options.totalCommits,
    head_commit: head ? toPayloadCommit(head, html, options.usernameOf) : null,
    repository: options.repository,
    pusher: options.pusher,
    sender: options.pusher,
  };
}
