import { type Clock, formatTime, type Random } from '../clock/index.ts';
import type { Application } from '../reconciler/application/index.ts';
import type { ClusterClient } from '../reconciler/cluster/index.ts';
import type { ImageChange } from './write-back/change.ts';

/** The real tool's Event source component (pkg/kube CreateApplicationEvent). */
export const EVENT_COMPONENT = 'ArgocdImageUpdater';
export const REASON_UPDATED = 'ImagesUpdated';
/** Our reason for annotations the updater cannot use. */
export const REASON_INVALID = 'InvalidImageUpdaterAnnotation';
/** Our own annotation on ImagesUpdated: the commit that carries the change when written back to git. */
export const COMMIT_ANNOTATION = 'gitops-sandbox.io/commit';

/** The real tool's per-change annotations, `argocd-image-updater.image-<i>/…`. */
export function changeAnnotations(changes: readonly ImageChange[], commit?: string): Record<string, string> {
  const annotations: Record<string, string> = {};
  changes.forEach((change, i) => {
    const key = `argocd-image-updater.image-${i}`;
    annotations[`${key}/full-image-name`] = change.fullName;
    annotations[`${key}/image-name`] = change.imageName;
    annotations[`${key}/old-tag`] = change.oldTag;
    annotations[`${key}/new-tag`] = change.newTag;
  });
  if (commit) annotations[COMMIT_ANNOTATION] = commit;
  return annotations;
}

/** Writes core/v1 Events about an Application; a failure to write one is logged, never fatal. */
export async function recordEvent(options: {
  client: ClusterClient;
  clock: Clock;
  random: Random;
  app: Application;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  annotations?: Record<string, string>;
  signal?: AbortSignal;
}): Promise<void> {
  const { app, clock } = options;
  const now = formatTime(clock.now());
  const namespace = app.metadata.namespace ?? 'argocd';
  await options.client.create(
    {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: `${app.metadata.name}.${Math.floor(clock.now()).toString(16)}${options.random.int(0xffff).toString(16)}`,
        namespace,
        ...(options.annotations ? { annotations: options.annotations } : {}),
      },
      involvedObject: {
        apiVersion: app.apiVersion,
        kind: app.kind,
        name: app.metadata.name,
        namespace,
        uid: app.metadata.uid,
        resourceVersion: app.metadata.resourceVersion,
      },
      reason: options.reason,
      message: options.message,
      type: options.type,
      source: { component: EVENT_COMPONENT },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    },
    {},
    options.signal,
  );
}
