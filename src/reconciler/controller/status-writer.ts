import type { Application } from '../application/index.ts';
import type { ClusterClient } from '../cluster/index.ts';
import type { AppEvents } from './events.ts';
import type { Logger } from './log.ts';
import { mergePatchFor } from './merge-patch.ts';

export interface AppChange {
  /** The whole new status (members absent here are removed). */
  status?: NonNullable<Application['status']>;
  /** `null` removes the operation (a finished one), an object writes it (auto-sync). */
  operation?: Application['operation'] | null;
  /** Annotations to remove, e.g. the refresh annotation once the refresh is done. */
  removeAnnotations?: string[];
}

/**
 * Writes an Application the way argo-cd `persistAppStatus` / `setOperationState` do: a JSON merge patch of the whole
 * object (the CRD has no status subresource) holding only what changed, and a ResourceUpdated event for each change
 * of sync or health status ("Updated sync status: OutOfSync -> Synced"). Returns the object as the server stored it.
 */
export class AppWriter {
  readonly #client: ClusterClient;
  readonly #events: AppEvents;
  readonly #log: Logger;

  constructor(options: { client: ClusterClient; events: AppEvents; log: Logger }) {
    this.#client = options.client;
    this.#events = options.events;
    this.#log = options.log;
  }

  async write(app: Application, change: AppChange, signal?: AbortSignal): Promise<Application> {
    const patch: Record<string, unknown> = {};
    if (change.status) {
      const status = mergePatchFor(app.status ?? {}, change.status);
      if (status !== undefined) patch['status'] = status;
    }
    if (change.operation !== undefined) {
      const operation =
        change.operation === null ? (app.operation ? null : undefined) : mergePatchFor(app.operation, change.operation);
      if (operation !== undefined) patch['operation'] = operation;
    }
    const removed = (change.removeAnnotations ?? []).filter((a) => app.metadata.annotations?.[a] !== undefined);
    if (removed.length > 0) patch['metadata'] = { annotations: Object.fromEntries(removed.map((a) => [a, null])) };
    if (Object.keys(patch).length === 0) return app;
    const updated = await this.#client.mergePatch<Application>(
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        namespace: app.metadata.namespace!,
        name: app.metadata.name!,
      },
      patch,
      {},
      signal,
    );
    await this.#statusEvents(app, updated, signal);
    return updated;
  }

  async #statusEvents(before: Application, after: Application, signal?: AbortSignal): Promise<void> {
    const sync = [before.status?.sync?.status, after.status?.sync?.status] as const;
    const health = [before.status?.health?.status, after.status?.health?.status] as const;
    if (sync[1] && sync[0] !== sync[1]) {
      const message = `Updated sync status: ${sync[0] ?? ''} -> ${sync[1]}`;
      this.#log.info(message, { application: after.metadata.name });
      await this.#events.record(after, { reason: 'ResourceUpdated', message }, signal);
    }
    if (health[1] && health[0] !== health[1]) {
      const message = `Updated health status: ${health[0] ?? ''} -> ${health[1]}`;
      this.#log.info(message, { application: after.metadata.name });
      await this.#events.record(after, { reason: 'ResourceUpdated', message }, signal);
    }
  }
}
