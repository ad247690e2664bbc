import test from 'ava';
import { defaultObject } from '../../../../src/kube/apiserver/admission/index.ts';
import type { KubeObject } from '../../../../src/kube/object.ts';
import { context } from './context.ts';

const template = (labels: Record<string, string> | undefined, restartPolicy?: string) => ({
  metadata: labels ? { labels } : {},
  spec: { ...(restartPolicy ? { restartPolicy } : {}), containers: [{ name: 'app', image: 'app:1' }] },
});

/** The template as the server stores it: PodSpec defaults only, no pod admission. */
const defaultedTemplate = (labels: Record<string, string>, restartPolicy = 'Always') => ({
  metadata: { labels },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'app:1',
        imagePullPolicy: 'IfNotPresent',
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      },
    ],
    dnsPolicy: 'ClusterFirst',
    restartPolicy,
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
  },
});

const cases: { name: string; input: KubeObject; output: KubeObject }[] = [
  {
    name: 'Deployment',
    input: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) },
    },
    output: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 1,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        template: defaultedTemplate({ app: 'web' }),
      },
    },
  },
  {
    name: 'Deployment with Recreate',
    input: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 3,
        strategy: { type: 'Recreate' },
        selector: { matchLabels: { app: 'web' } },
        template: template({ app: 'web' }),
      },
    },
    output: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 3,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'Recreate' },
        template: defaultedTemplate({ app: 'web' }),
      },
    },
  },
  {
    name: 'ReplicaSet',
    input: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-1', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) },
    },
    output: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-1', namespace: 'default' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: defaultedTemplate({ app: 'web' }) },
    },
  },
  {
    name: 'StatefulSet',
    input: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: template({ app: 'db' }),
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }],
      },
    },
    output: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        serviceName: 'db',
        replicas: 1,
        revisionHistoryLimit: 10,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        selector: { matchLabels: { app: 'db' } },
        template: defaultedTemplate({ app: 'db' }),
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
            status: { phase: 'Pending' },
          },
        ],
      },
    },
  },
  {
    name: 'DaemonSet',
    input: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'kube-system' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: template({ app: 'agent' }) },
    },
    output: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'kube-system' },
      spec: {
        revisionHistoryLimit: 10,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
        selector: { matchLabels: { app: 'agent' } },
        template: defaultedTemplate({ app: 'agent' }),
      },
    },
  },
  {
    name: 'Job',
    input: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default', uid: 'u-1' },
      spec: { template: template(undefined, 'Never') },
    },
    output: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'pi',
        namespace: 'default',
        uid: 'u-1',
        labels: {
          'batch.kubernetes.io/controller-uid': 'u-1',
          'batch.kubernetes.io/job-name': 'pi',
          'controller-uid': 'u-1',
          'job-name': 'pi',
        },
      },
      spec: {
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        completions: 1,
        manualSelector: false,
        parallelism: 1,
        podReplacementPolicy: 'TerminatingOrFailed',
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } },
        suspend: false,
        template: defaultedTemplate(
          {
            'batch.kubernetes.io/controller-uid': 'u-1',
            'batch.kubernetes.io/job-name': 'pi',
            'controller-uid': 'u-1',
            'job-name': 'pi',
          },
          'Never',
        ),
      },
    },
  },
  {
    name: 'CronJob',
    input: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick', namespace: 'default' },
      spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: template({ app: 'tick' }, 'OnFailure') } } },
    },
    output: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick', namespace: 'default' },
      spec: {
        schedule: '*/5 * * * *',
        concurrencyPolicy: 'Allow',
        suspend: false,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: { spec: { template: defaultedTemplate({ app: 'tick' }, 'OnFailure') } },
      },
    },
  },
];

for (const { name, input, output } of cases) {
  test(`${name} defaults like a v1.32 API server`, (t) => {
    defaultObject(input, context());
    t.deepEqual(input, output);
  });
}

test('Job completions and parallelism default together or not at all', (t) => {
  const job: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j', namespace: 'default', uid: 'u' },
    spec: { completions: 5, template: template({ app: 'j' }, 'Never') },
  };
  defaultObject(job, context());
  const spec = job['spec'] as Record<string, unknown>;
  t.is(spec['completions'], 5);
  t.is(spec['parallelism'], 1);
  // The Job had no labels of its own: it takes the template's, generated ones included.
  t.is(job.metadata.labels?.['app'], 'j');
  t.is(job.metadata.labels?.['job-name'], 'j');
});

test('a manual Job selector is left alone', (t) => {
  const job: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j', namespace: 'default', uid: 'u', labels: { own: 'x' } },
    spec: { manualSelector: true, selector: { matchLabels: { app: 'j' } }, template: template({ app: 'j' }, 'Never') },
  };
  defaultObject(job, context());
  t.deepEqual((job['spec'] as Record<string, unknown>)['selector'], { matchLabels: { app: 'j' } });
  t.deepEqual(job.metadata.labels, { own: 'x' });
});
