import { rfc3339 } from '../../../clock/index.ts';
import type { KubeObject } from '../../object.ts';
import type { ControllerContext } from '../runtime/controller-context.ts';
import { Informer, keyOf } from '../runtime/informer.ts';
import { logError, WorkQueue } from '../runtime/work-queue.ts';

/** kind's default StorageClass and its provisioner (rancher/local-path-provisioner), which the sandbox stands in for. */
export const DEFAULT_STORAGE_CLASS = 'standard';
const PROVISIONER = 'rancher.io/local-path';
const MANAGER = 'local-path-provisioner';

type Claim = KubeObject & {
  spec?: {
    storageClassName?: string;
    volumeName?: string;
    accessModes?: string[];
    resources?: { requests?: { storage?: string } };
  };
  status?: { phase?: string };
};

/**
 * What a kind cluster has for volumes: a default `standard` StorageClass and a provisioner that gives every
 * Pending claim of that class a hostPath PersistentVolume and binds the two, so StatefulSets with
 * volumeClaimTemplates (and Argo CD's PVC health) behave as on kind. Claims of other classes stay Pending.
 */
export function startVolumeProvisioner(ctx: ControllerContext): void {
  const { api, signal } = ctx;
  if (!api.get('storage.k8s.io/v1', 'StorageClass', undefined, DEFAULT_STORAGE_CLASS)) {
    api.create(
      {
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: {
          name: DEFAULT_STORAGE_CLASS,
          annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        },
        provisioner: PROVISIONER,
        reclaimPolicy: 'Delete',
        volumeBindingMode: 'WaitForFirstConsumer',
      },
      { fieldManager: MANAGER },
    );
  }
  const claims = new Informer<Claim>(api, 'v1', 'PersistentVolumeClaim');
  const queue = new WorkQueue({
    clock: ctx.clock,
    signal,
    onError: logError(MANAGER),
    process: (key) => provision(key),
  });
  claims
    .on({
      added: (c) => queue.add(keyOf(c.metadata.namespace, c.metadata.name!)),
      updated: (_, c) => queue.add(keyOf(c.metadata.namespace, c.metadata.name!)),
    })
    .start(signal);

  function provision(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const claim = claims.get(namespace, name);
    if (!claim || claim.metadata.deletionTimestamp || claim.status?.phase === 'Bound') return;
    const storageClass = claim.spec?.storageClassName ?? DEFAULT_STORAGE_CLASS;
    if (storageClass !== DEFAULT_STORAGE_CLASS) return;
    const volumeName = `pvc-${claim.metadata.uid}`;
    const capacity = claim.spec?.resources?.requests?.storage ?? '1Gi';
    const accessModes = claim.spec?.accessModes ?? ['ReadWriteOnce'];
    if (!api.get('v1', 'PersistentVolume', undefined, volumeName)) {
      api.create(
        {
          apiVersion: 'v1',
          kind: 'PersistentVolume',
          metadata: { name: volumeName, annotations: { 'pv.kubernetes.io/provisioned-by': PROVISIONER } },
          spec: {
            capacity: { storage: capacity },
            accessModes,
            persistentVolumeReclaimPolicy: 'Delete',
            storageClassName: DEFAULT_STORAGE_CLASS,
            hostPath: {
              path: `/var/local-path-provisioner/${volumeName}_${namespace}_${name}`,
              type: 'DirectoryOrCreate',
            },
            claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace, name, uid: claim.metadata.uid! },
          },
        },
        { fieldManager: MANAGER },
      );
      api.mergePatch(
        'v1',
        'PersistentVolume',
        undefined,
        volumeName,
        { status: { phase: 'Bound', lastPhaseTransitionTime: rfc3339(ctx.clock) } },
        { subresource: 'status', fieldManager: MANAGER },
      );
    }
    api.mergePatch(
      'v1',
      'PersistentVolumeClaim',
      namespace,
      name,
      { spec: { volumeName, storageClassName: DEFAULT_STORAGE_CLASS } },
      { fieldManager: MANAGER },
    );
    api.mergePatch(
      'v1',
      'PersistentVolumeClaim',
      namespace,
      name,
      { status: { phase: 'Bound', accessModes, capacity: { storage: capacity } } },
      { subresource: 'status', fieldManager: MANAGER },
    );
  }
}
