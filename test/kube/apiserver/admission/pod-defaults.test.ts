import test from 'ava';
import { defaultObject } from '../../../../src/kube/apiserver/admission/index.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';
import { context } from './context.ts';

const tokenVolume = (name: string) => ({
  name,
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      {
        downwardAPI: {
          items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
        },
      },
    ],
  },
});

test('a pod gets the defaults, admission plugins and status a v1.32 API server gives it', (t) => {
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'nginx',
          ports: [{ containerPort: 80 }],
          readinessProbe: { httpGet: { port: 80 } },
          resources: { limits: { cpu: '500m', memory: '128Mi' } },
        },
      ],
    },
  };
  defaultObject(pod, context());
  const volumeName = (pod['spec'] as { volumes: { name: string }[] }).volumes[0]!.name;
  t.regex(volumeName, /^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  t.deepEqual(pod, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'nginx',
          imagePullPolicy: 'Always',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          readinessProbe: {
            httpGet: { port: 80, path: '/', scheme: 'HTTP' },
            timeoutSeconds: 1,
            periodSeconds: 10,
            successThreshold: 1,
            failureThreshold: 3,
          },
          resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '500m', memory: '128Mi' } },
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
          volumeMounts: [
            { name: volumeName, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
          ],
        },
      ],
      dnsPolicy: 'ClusterFirst',
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      serviceAccount: 'default',
      serviceAccountName: 'default',
      terminationGracePeriodSeconds: 30,
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      volumes: [tokenVolume(volumeName)],
    },
    status: { phase: 'Pending', qosClass: 'Guaranteed' },
  });
});

const pullPolicies: [string, string][] = [
  ['nginx', 'Always'],
  ['nginx:latest', 'Always'],
  ['nginx:1.27', 'IfNotPresent'],
  ['localhost:5000/app', 'Always'],
  ['localhost:5000/app:v2', 'IfNotPresent'],
  ['nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000', 'IfNotPresent'],
];

for (const [image, policy] of pullPolicies) {
  test(`image ${image} defaults imagePullPolicy to ${policy}`, (t) => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', image }] },
    };
    defaultObject(pod, context());
    t.is((pod['spec'] as { containers: { imagePullPolicy: string }[] }).containers[0]!.imagePullPolicy, policy);
  });
}

test('existing tolerations, opt-out automount and QoS classes are respected', (t) => {
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: {
      automountServiceAccountToken: false,
      tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }],
      containers: [{ name: 'c', image: 'app:1', resources: { requests: { cpu: '100m' } } }],
    },
  };
  defaultObject(pod, context());
  const spec = pod['spec'] as Record<string, unknown>;
  t.deepEqual(spec['tolerations'], [
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ]);
  t.is(spec['volumes'], undefined);
  t.deepEqual(pod['status'], { phase: 'Pending', qosClass: 'Burstable' });
});

test('an update gets the spec defaults and default tolerations but no create-only admission', (t) => {
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers: [{ name: 'c', image: 'app:1' }] },
  };
  defaultObject(pod, context({ operation: 'UPDATE', old: structuredClone(pod) }));
  const spec = pod['spec'] as Record<string, unknown>;
  t.is(spec['restartPolicy'], 'Always');
  t.is((spec['tolerations'] as unknown[]).length, 2);
  t.is(spec['serviceAccountName'], undefined);
  t.is(pod['status'], undefined);
});
