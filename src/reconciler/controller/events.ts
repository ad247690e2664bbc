import { type Clock, formatTime, type Random } from '../../clock/index.ts';
import type { Application } from '../application/index.ts';
import type { ClusterClient } from '../cluster/index.ts';
import type { Logger } from './log.ts';

/** Event reasons argo-cd writes on Applications (util/argo/audit_logger.go, controller/appcontroller.go). */
export type AppEventReason =
  | 'OperationStarted'
  | 'OperationCompleted'
  | 'ResourceUpdated'
  | 'SyncError'
  | 'InvalidSpecError'
  | 'ComparisonError';

/** argo-cd's controller reports as `argocd-application-controller`. */
export const EVENT_COMPONENT = 'argocd-application-controller';

/**
 * Writes core/v1 Events about Applications, as argo-cd `logAppEvent` (via client-go's recorder): involvedObject is
 * the Application, source.component the controller. Failing to write an event never fails a reconcile.
 */
export class AppEvents {
  readonly #client: ClusterClient;
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #log: Logger;

  constructor(options: { client: ClusterClient; clock: Clock; random: Random; log: Logger }) {
    this.#client = options.client;
    this.#clock = options.clock;
    this.#random = options.random;
    this.#log = options.log;
  }

  async record(
    app: Application,
    event: { reason: AppEventReason; message: string; type?: 'Normal' | 'Warning' },
    signal?: AbortSignal,
  ): Promise<void> {
    const now = formatTime(this.#clock.now());
    const suffix = `${Math.floor(this.#clock.now()).toString(16)}${this.#random.int(0xffff).toString(16)}`;
    try {
      await this.#client.create(
        {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: `${app.metadata.name}.${suffix}`, namespace: app.metadata.namespace ?? 'argocd' },
          involvedObject: {
            apiVersion: app.apiVersion,
            kind: app.kind,
            name: app.metadata.name,
            namespace: app.metadata.namespace,
            uid: app.metadata.uid,
            resourceVersion: app.metadata.resourceVersion,
          },
          reason: event.reason,
          message: event.message,
          type: event.type ?? 'Normal',
          source: { component: EVENT_COMPONENT },
          reportingComponent: EVENT_COMPONENT,
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
        },
        {},
        signal,
      );
    } catch (error) {
      this.#log.warn('failed to record event', {
        application: app.metadata.name,
        reason: event.reason,
        error: String(error),
      });
    }
  }
}
