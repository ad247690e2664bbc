import { messageOf } from '../errors.ts';
import { gitDirOf, repositoryJson, type ServerContext, userJson, usernameOf } from './context.ts';
import { setHead } from './repo/bare.ts';
import { commitsOfUpdate, type RefUpdate } from './repo/push.ts';
import { listBranches } from './repo/read.ts';
import type { RepoRecord, UserRecord } from './state/model.ts';
import { type PushEvent, ZERO_SHA } from './types.ts';
import { matchesBranchFilter } from './webhooks/branch-filter.ts';
import type { WebhookDispatcher } from './webhooks/dispatcher.ts';
import { pushPayload } from './webhooks/payload.ts';

/** Turns accepted ref updates into push events for listeners and `push` deliveries for matching hooks. */
export class PushPipeline {
  readonly #dispatcher: WebhookDispatcher;
  readonly #listeners = new Set<(event: PushEvent) => void>();
  #context: ServerContext | undefined;

  constructor(options: { dispatcher: WebhookDispatcher }) {
    this.#dispatcher = options.dispatcher;
  }

  /** Wires the context in once the server knows its URL. */
  attach(context: ServerContext): void {
    this.#context = context;
  }

  onPush(listener: (event: PushEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async publish(options: {
    repo: RepoRecord;
    updates: RefUpdate[];
    pusher: UserRecord;
    source: PushEvent['source'];
  }): Promise<PushEvent[]> {
    const context = this.#context;
    if (!context || options.updates.length === 0) return [];
    const { repo, pusher } = options;
    const gitDir = gitDirOf(context, repo);
    await this.#adoptDefaultBranch(context, repo, options.updates);
    const owner = context.access.userById(repo.ownerId);
    const fullName = `${owner?.login}/${repo.name}`;
    const events: PushEvent[] = [];
    for (const update of options.updates) {
      const { commits, total } = await commitsOfUpdate(gitDir, update, context.signal);
      const event: PushEvent = {
        repo: fullName,
        ref: update.ref,
        before: update.before,
        after: update.after,
        commits,
        totalCommits: total,
        pusher: pusher.login,
        time: context.clock.now(),
        source: options.source,
      };
      events.push(event);
      for (const listener of this.#listeners) {
        try {
          listener(event);
        } catch {
          // listeners must not break pushes
        }
      }
      if (update.after !== ZERO_SHA) await this.#enqueueHooks(context, repo, event, pusher);
    }
    return events;
  }

  /** Queues a `push` delivery of `event` to one hook regardless of its filters (the hook test endpoint). */
  async deliverTo(hookId: number, repo: RepoRecord, event: PushEvent, pusher: UserRecord): Promise<void> {
    const context = this.#context;
    const hook = context?.store.state.hooks.find((h) => h.id === hookId);
    if (!context || !hook) return;
    this.#dispatcher.enqueue({
      hookId: hook.id,
      repo: event.repo,
      url: hook.url,
      method: hook.httpMethod,
      contentType: hook.contentType,
      secret: hook.secret,
      authorizationHeader: hook.authorizationHeader,
      event: 'push',
      payload: JSON.stringify(await this.#payload(context, repo, event, pusher)),
    });
  }

  async #enqueueHooks(context: ServerContext, repo: RepoRecord, event: PushEvent, pusher: UserRecord) {
    const hooks = context.store.state.hooks.filter(
      (h) =>
        h.repoId === repo.id &&
        h.active &&
        (h.events.includes('push') || h.events.includes('*')) &&
        matchesBranchFilter(h.branchFilter, event.ref),
    );
    if (hooks.length === 0) return;
    for (const hook of hooks) await this.deliverTo(hook.id, repo, event, pusher);
  }

  async #payload(context: ServerContext, repo: RepoRecord, event: PushEvent, pusher: UserRecord) {
    return pushPayload({
      event,
      totalCommits: event.totalCommits,
      repository: await repositoryJson(context, repo, pusher),
      pusher: userJson(context, pusher),
      usernameOf: (email) => usernameOf(context, email),
    });
  }

  /** Like Gitea: the first branch pushed into a repository without its default branch becomes the default. */
  async #adoptDefaultBranch(context: ServerContext, repo: RepoRecord, updates: RefUpdate[]) {
    const created = updates.find(
      (u) => u.ref.startsWith('refs/heads/') && u.before === ZERO_SHA && u.after !== ZERO_SHA,
    );
    if (!created) return;
    const gitDir = gitDirOf(context, repo);
    const branches = await listBranches(gitDir, context.signal);
    if (branches.has(repo.defaultBranch)) return;
    const branch = created.ref.slice('refs/heads/'.length);
    try {
      await setHead(gitDir, branch, context.signal);
      await context.store.update((state) => {
        const record = state.repos.find((r) => r.id === repo.id);
        if (record) record.defaultBranch = branch;
      });
    } catch (error) {
      process.emitWarning(`could not adopt ${branch} as default branch: ${messageOf(error)}`);
    }
  }
}
