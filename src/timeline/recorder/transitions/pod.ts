import type { KubeObject } from '../../../kube/object.ts';
import { at, type Draft, str, subjectOf } from './draft.ts';

/** Container waiting reasons that mean the pod is failing, as `kubectl get pods` shows them. */
const FAILING_WAITING = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'InvalidImageName',
  'ErrImageNeverPull',
  'RunContainerError',
]);

interface ContainerStatus {
  name?: string;
  state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; exitCode?: number } };
}

interface PodState {
  node?: string;
  ready: boolean;
  readyReason?: string;
  terminating: boolean;
  images: string[];
  /** `container:reason` of each failure showing now. */
  failures: Map<string, string>;
}

function stateOf(pod: KubeObject): PodState {
  const conditions = (at(pod, 'status', 'conditions') as { type: string; status: string; reason?: string }[]) ?? [];
  const ready = conditions.find((c) => c.type === 'Ready');
  const containers = (at(pod, 'spec', 'containers') as { image?: string }[]) ?? [];
  const statuses = [
    ...((at(pod, 'status', 'initContainerStatuses') as ContainerStatus[]) ?? []),
    ...((at(pod, 'status', 'containerStatuses') as ContainerStatus[]) ?? []),
  ];
  const failures = new Map<string, string>();
  for (const status of statuses) {
    const waiting = status.state?.waiting;
    if (waiting?.reason && FAILING_WAITING.has(waiting.reason)) {
      failures.set(`${status.name}:${waiting.reason}`, waiting.message ?? '');
    }
  }
  if (str(at(pod, 'status', 'phase')) === 'Failed') {
    failures.set(`:${str(at(pod, 'status', 'reason')) ?? 'Failed'}`, str(at(pod, 'status', 'message')) ?? '');
  }
  const node = str(at(pod, 'spec', 'nodeName'));
  return {
    ...(node ? { node } : {}),
    ready: ready?.status === 'True',
    ...(ready?.reason ? { readyReason: ready.reason } : {}),
    terminating: Boolean(pod.metadata.deletionTimestamp),
    images: containers.map((c) => c.image ?? ''),
    failures,
  };
}

/**
 * Pod transitions: created, scheduled (which node), ready / not-ready, terminating, deleted, and failed once per
 * container and reason (ErrImagePull and ImagePullBackOff alternate on every retry; each is reported once).
 */
export function podTransitions(): (pod: KubeObject | undefined, previous: KubeObject | undefined) => Draft[] {
  const reported = new Map<string, Set<string>>();
  return (pod, previous) => {
    const current = pod ?? previous;
    if (!current) return [];
    const subject = subjectOf(current);
    const labels = current.metadata.labels ?? {};
    const app = labels['app'] ?? labels['app.kubernetes.io/name'];
    const owner = current.metadata.ownerReferences?.find((o) => o.controller) ?? current.metadata.ownerReferences?.[0];
    const common = { ...(app ? { app } : {}), ...(owner ? { owner: `${owner.kind}/${owner.name}` } : {}) };
    const event = (type: string, message: string, data: Record<string, unknown>): Draft => ({
      component: 'pod',
      type,
      subject,
      message,
      data: { ...common, ...data },
    });
    const key = current.metadata.uid ?? subject;
    const before = previous ? stateOf(previous) : undefined;
    if (!pod) {
      reported.delete(key);
      return [event('deleted', `deleted${before?.node ? ` from ${before.node}` : ''}`, { node: before?.node ?? '' })];
    }
    const now = stateOf(pod);
    const node = now.node ?? '';
    const drafts: Draft[] = [];
    if (!before) {
      drafts.push(
        event('created', `created${owner ? ` by ${owner.kind}/${owner.name}` : ''} ${now.images.join(', ')}`, {
          images: now.images,
        }),
      );
    }
    if (now.node && !before?.node) drafts.push(event('scheduled', `scheduled to ${now.node}`, { node }));
    if (now.ready && !before?.ready) {
      drafts.push(event('ready', `ready on ${node} ${now.images.join(', ')}`, { node, images: now.images }));
    }
    if (!now.ready && before?.ready) {
      drafts.push(
        event('not-ready', `not ready on ${node}${now.readyReason ? `: ${now.readyReason}` : ''}`, {
          node,
          ...(now.readyReason ? { reason: now.readyReason } : {}),
        }),
      );
    }
    if (now.terminating && !before?.terminating) drafts.push(event('terminating', `terminating on ${node}`, { node }));
    const seen = reported.get(key) ?? new Set<string>();
    for (const [failure, message] of now.failures) {
      if (seen.has(failure)) continue;
      seen.add(failure);
      const [container, reason] = failure.split(':') as [string, string];
      drafts.push(
        event('failed', `${reason}${container ? ` (${container})` : ''}${message ? `: ${message}` : ''}`, {
          reason,
          node,
          ...(container ? { container } : {}),
          ...(message ? { message } : {}),
        }),
      );
    }
    if (seen.size > 0) reported.set(key, seen);
    return drafts;
  };
}
