import test from 'ava';
import { ManualClock, Random } from '../../../../src/clock/index.ts';
import { startApiServer } from '../../../../src/kube/apiserver/server.ts';
import { EventRecorder } from '../../../../src/kube/controllers/runtime/event-recorder.ts';
import { startVolumeProvisioner } from '../../../../src/kube/controllers/volume-provisioner/volume-provisioner.ts';

test('a claim of the default class gets a bound hostPath volume; a claim of another class stays Pending', async (t) => {
  const clock = new ManualClock();
  const server = await startApiServer({ clock });
  t.teardown(() => server.close());
  const signal = new AbortController();
  t.teardown(() => signal.abort());
  const api = server.api;
  startVolumeProvisioner({
    api,
    clock,
    random: new Random(1),
    events: new EventRecorder({ api, clock, random: new Random(1) }),
    signal: signal.signal,
  });
  t.is(
    api.get('storage.k8s.io/v1', 'StorageClass', undefined, 'standard')?.metadata.annotations?.[
      'storageclass.kubernetes.io/is-default-class'
    ],
    'true',
  );
  const claim = (name: string, storageClassName?: string) =>
    api.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: 'default' },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: '2Gi' } },
        ...(storageClassName ? { storageClassName } : {}),
      },
    });
  const data = claim('data');
  claim('fast', 'premium');
  await clock.advance(0);
  const bound = api.get('v1', 'PersistentVolumeClaim', 'default', 'data')!;
  t.is((bound['status'] as { phase: string }).phase, 'Bound');
  t.is((bound['spec'] as { volumeName: string }).volumeName, `pvc-${data.metadata.uid}`);
  const volume = api.get('v1', 'PersistentVolume', undefined, `pvc-${data.metadata.uid}`)!;
  t.is((volume['spec'] as { capacity: { storage: string } }).capacity.storage, '2Gi');
  t.is((volume['status'] as { phase: string }).phase, 'Bound');
  t.is((api.get('v1', 'PersistentVolumeClaim', 'default', 'fast')!['status'] as { phase: string }).phase, 'Pending');
});
