import { type Clock, type Random, rfc3339 } from '../../../clock/index.ts';
import type { KubeApi } from '../../apiserver/kube-api.ts';
import type { KubeObject } from '../../object.ts';

export type EventType = 'Normal' | 'Warning';

export interface EventSource {
  component: string;
  /** The node, for kubelet events. */
  host?: string;
}

/** Repeats of one event within this window update its count instead of creating a new one (client-go's correlator). */
const AGGREGATION_WINDOW_MS = 10 * 60_000;

/**
 * Writes core/v1 Events as client-go's EventRecorder does, so `kubectl get events` and `kubectl describe` tell the
 * story: named <object>.<hex time>, in the object's namespace (default for cluster objects), and a repeat of the
 * same reason and message for the same object bumps `count` and `lastTimestamp`. Never call it from an informer
 * handler: it writes.
 */
export class EventRecorder {
  readonly #api: KubeApi;
  readonly #clock: Clock;
  readonly #random: Random;
  readonly #recent = new Map<string, { name: string; namespace: string; at: number }>();

  constructor(options: { api: KubeApi; clock: Clock; random: Random }) {
    this.#api = options.api;
    this.#clock = options.clock;
    this.#random = options.random;
  }

  record(
    object: KubeObject,
    source: EventSource,
    type: EventType,
    reason: string,
    message: string,
    fieldPath?: string,
  ): void {
    const namespace = object.metadata.namespace ?? 'default';
    const key = [object.metadata.uid, fieldPath, source.component, source.host, type, reason, message].join('\u0000');
    const now = this.#clock.now();
    const timestamp = rfc3339(this.#clock);
    const recent = this.#recent.get(key);
    if (recent && now - recent.at < AGGREGATION_WINDOW_MS) {
      const existing = this.#api.get('v1', 'Event', recent.namespace, recent.name);
      if (existing) {
        this.#api.update(
          { ...existing, count: ((existing['count'] as number) ?? 1) + 1, lastTimestamp: timestamp },
          { fieldManager: source.component },
        );
        recent.at = now;
        return;
      }
    }
    const name = `${object.metadata.name}.${Math.floor(now * 1e6 + this.#random.int(1e6)).toString(16)}`;
    this.#api.create(
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: {
          apiVersion: object.apiVersion,
          kind: object.kind,
          name: object.metadata.name,
          ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
          uid: object.metadata.uid,
          ...(object.metadata.resourceVersion ? { resourceVersion: object.metadata.resourceVersion } : {}),
          ...(fieldPath ? { fieldPath } : {}),
        },
        reason,
        message,
        source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
        firstTimestamp: timestamp,
        lastTimestamp: timestamp,
        count: 1,
        type,
        reportingComponent: source.component,
        reportingInstance: source.host ?? source.component,
      },
      { fieldManager: source.component },
    );
    this.#recent.set(key, { name, namespace, at: now });
  }
}
