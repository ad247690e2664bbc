/**
 * One thing that happened in a sandbox, as seen from outside the reconciler (watches, webhooks, registry API,
 * scenario actions), stamped with the sandbox clock. Recorders produce these; assertions and reports consume
 * them. The same types come out of the embedded and the kind provider, and out of our reconciler or real Argo CD.
 */
export interface TimelineEvent {
  /** Simulated time in ms since the epoch (the sandbox Clock's now()). */
  at: number;
  /** The swimlane it belongs to. */
  component: TimelineComponent;
  /** What happened; the values per component are listed in TimelineEventTypes. */
  type: string;
  /** The object it is about: `namespace/name` for namespaced objects, `name` otherwise, the repo for git. */
  subject: string;
  /** One line for tables and reports, e.g. "Synced at 3f2a1c0". */
  message: string;
  /** Structured fields for assertions (see TimelineEventTypes). */
  data?: Record<string, unknown>;
}

export type TimelineComponent =
  | 'scenario'
  | 'git'
  | 'registry'
  | 'image-updater'
  | 'application'
  | 'deployment'
  | 'pod'
  | 'node'
  | 'service'
  | 'probe';

/**
 * The event types each recorder emits and their data fields; matchers in assertions rely on these names.
 * - scenario: `action` {action, ...args} — a step the scenario performed (push, kubectl, stop node); `step` {name}.
 * - git: `push` {repo, ref, before, after, commits: {id, message}[]} (repo is `owner/name`); `webhook` {repo, ref,
 *   after, status} (a delivery seen by a recorder hook; not emitted yet — `push` is recorded on delivery).
 * - registry: `tag` {repository, tag, digest, previous?} — a tag appeared or moved (previous: the digest it left).
 * - image-updater: `update` {application, image, from, to, commit?} — from the updater's Events on the Application
 *   (application is `namespace/name`; image the full name without tag).
 * - application: `sync-status` {status, revision}; `health` {status, message?}; `operation` {phase, revision?, message?}.
 * - deployment: `rollout` {replicas, total, updated, ready, available, unavailable, images: string[], generation,
 *   observedGeneration} — replicas is the desired count (spec), total the pods of every ReplicaSet (status.replicas).
 * - pod: `created` {owner?, images}; `scheduled` {node}; `ready` {node, images}; `not-ready` {node, reason?};
 *   `terminating` {node}; `deleted` {node}; `failed` {reason, node, container?, message?} (ImagePullBackOff,
 *   CrashLoopBackOff, ...; once per container and reason). Every pod event also carries `owner?` (`Kind/name` of
 *   the controller) and `app?` (the `app` or `app.kubernetes.io/name` label).
 * - node: `ready` {status: 'True'|'False'|'Unknown', reason?}; `taints` {taints: string[]} (`key:effect`, sorted).
 * - service: `endpoints` {ready: number, notReady: number} — summed over the Service's EndpointSlices.
 * - probe: `version` {service, version, previous?, endpoint?} — the answering version changed (or first answered);
 *   `failure` {service, reason, endpoint?}; `recovered` {service, failures} — first success after failures.
 *
 * Events the recorder emits for objects already present when it starts carry `initial: true` in data (the state
 * it found, so folds over the timeline start from the truth). Kubernetes events are stamped with the clock's now()
 * when the watch delivers them, not with the objects' own (second-precision) timestamps.
 */
export const TimelineEventTypes = {
  scenario: ['action', 'step'],
  git: ['push', 'webhook'],
  registry: ['tag'],
  'image-updater': ['update'],
  application: ['sync-status', 'health', 'operation'],
  deployment: ['rollout'],
  pod: ['created', 'scheduled', 'ready', 'not-ready', 'terminating', 'deleted', 'failed'],
  node: ['ready', 'taints'],
  service: ['endpoints'],
  probe: ['version', 'failure', 'recovered'],
} as const satisfies Record<TimelineComponent, readonly string[]>;

/** Where events go: recorders write, assertions and reports read. */
export interface TimelineSink {
  record(event: TimelineEvent): void;
}
