import type { KubeApi } from '../../apiserver/kube-api.ts';
import type { KubeObject } from '../../object.ts';
import { clone, type Pod } from '../endpointslice/pod.ts';
import type { EventRecorder } from '../runtime/event-recorder.ts';
import { claimName, ordinalOf } from './identity.ts';
import type { StatefulSet } from './types.ts';

/**
 * getPersistentVolumeClaims (K: pkg/controller/statefulset/stateful_set_utils.go): one claim per template, named
 * <template>-<set>-<ordinal>, labelled with the template's labels plus the set's selector matchLabels. The default
 * retention policy (Retain/Retain) leaves them without owner references, so they outlive pods and the set.
 */
export function claimsFor(set: StatefulSet, pod: Pod): KubeObject[] {
  const ordinal = ordinalOf(pod);
  return (set.spec.volumeClaimTemplates ?? []).map((template) => {
    const copy = clone(template);
    const status = (copy as { status?: unknown }).status;
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        ...copy.metadata,
        name: claimName(set, template.metadata.name, ordinal),
        namespace: set.metadata.namespace!,
        labels: { ...(copy.metadata.labels ?? {}), ...(set.spec.selector.matchLabels ?? {}) },
      },
      spec: copy.spec,
      ...(status ? { status } : {}),
    };
  });
}

/**
 * createPersistentVolumeClaims (stateful_pod_control.go): creates the claims that do not exist yet, with the event
 * "create Claim www-web-0 Pod web-0 in StatefulSet web success". They stay Pending: binding them is the PV
 * controller's job (with a provisioner), which the sandbox does not run. A claim being deleted is an error, as
 * there: the pod must wait for it to go.
 */
export function createMissingClaims(options: {
  api: KubeApi;
  events: EventRecorder;
  set: StatefulSet;
  pod: Pod;
  fieldManager: string;
}): void {
  const { api, events, set, pod } = options;
  for (const claim of claimsFor(set, pod)) {
    const existing = api.get('v1', 'PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name!);
    if (existing) {
      if (existing.metadata.deletionTimestamp) {
        throw new Error(
          `pvc ${claim.metadata.name} is being deleted; pod ${pod.metadata.name} of StatefulSet ${set.metadata.name} waits for it`,
        );
      }
      continue;
    }
    const message = `create Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name}`;
    try {
      api.create(claim, { fieldManager: options.fieldManager });
    } catch (error) {
      events.record(set, SOURCE, 'Warning', 'FailedCreate', `${message} failed error: ${String(error)}`);
      throw error;
    }
    events.record(set, SOURCE, 'Normal', 'SuccessfulCreate', `${message} success`);
  }
}

export const SOURCE = { component: 'statefulset-controller' };
