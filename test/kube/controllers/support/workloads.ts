import type { KubeApi } from '../../../../src/kube/apiserver/kube-api.ts';
import type { Pod } from '../../../../src/kube/controllers/endpointslice/pod.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';
import { setPodStatus, type TestCluster } from './cluster.ts';

/** Helpers for workload controller tests (StatefulSet, DaemonSet, CronJob, PodGC). */

export function podsIn(c: TestCluster, labelSelector?: string, namespace = 'default'): Pod[] {
  return c.api.list('v1', 'Pod', { namespace, ...(labelSelector ? { labelSelector } : {}) }) as Pod[];
}

export function podNames(pods: Pod[]): string[] {
  return pods.map((p) => p.metadata.name!).sort();
}

/** What a kubelet does for a pod it started: Running and Ready (or not). */
export function runPod(c: TestCluster, pod: KubeObject, ready = true): Pod {
  return setPodStatus(c.api, c.clock, pod, { phase: 'Running', ready, ip: '10.244.0.10' });
}

/** The last graceful-deletion step a kubelet takes: removes a terminating pod for good. */
export function finishDeletion(api: KubeApi, pod: KubeObject): void {
  api.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0 });
}

export function eventMessages(c: TestCluster, reason?: string, namespace = 'default'): string[] {
  return c.api
    .list('v1', 'Event', { namespace })
    .filter((e) => reason === undefined || e['reason'] === reason)
    .map((e) => String(e['message']));
}
