/** One commit as a push reports it. */
export interface PushCommit {
  id: string;
  message: string;
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  added: string[];
  removed: string[];
  modified: string[];
}

/** A ref update accepted by the server, from `git push` or an API commit. */
export interface PushEvent {
  /** `owner/name` */
  repo: string;
  /** Full ref name, e.g. `refs/heads/main`. */
  ref: string;
  /** Previous object id; 40 zeros when the ref was created. */
  before: string;
  /** New object id; 40 zeros when the ref was deleted. */
  after: string;
  /** Commits the push introduced, newest first. */
  commits: PushCommit[];
  /** How many commits the push introduced (commits may be capped). */
  totalCommits: number;
  /** Login of the pusher. */
  pusher: string;
  /** Simulated time of the push (Clock milliseconds). */
  time: number;
  source: 'git' | 'api';
}

/** One attempt to deliver a webhook. */
export interface WebhookDelivery {
  hookId: number;
  /** `owner/name` */
  repo: string;
  url: string;
  event: string;
  /** The X-Gitea-Delivery uuid; the same for every attempt of one delivery. */
  deliveryId: string;
  /** 1-based attempt number. */
  attempt: number;
  /** HTTP status, or undefined when the request failed before a response. */
  status?: number;
  ok: boolean;
  /** Simulated milliseconds the attempt took. */
  durationMs: number;
  error?: string;
  /** Simulated time the attempt started. */
  time: number;
}

export interface WebhookOptions {
  /** Attempts after the first failed one (default 3). */
  retries?: number;
  /** First back-off in simulated ms, doubled per attempt (default 1000). */
  backoffMs?: number;
  /** Per-attempt timeout in simulated ms (default 5000). */
  timeoutMs?: number;
}

export const ZERO_SHA = '0000000000000000000000000000000000000000';
