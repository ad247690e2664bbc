import test from 'ava';
import type { KubeObject } from '../../../src/kube/object.ts';
import { pushImage } from '../../../src/registry/index.ts';
import { startTestSandbox } from '../../support/sandbox.ts';

type ContainerStatus = { ready: boolean; restartCount: number; state: { waiting?: { reason: string } } };
const containerStatus = (pod: KubeObject) =>
  ((pod['status'] as { containerStatuses?: ContainerStatus[] })?.containerStatuses ?? [])[0];

test.serial(
  "kubelets pull from the sandbox's registry: a pushed image runs, a missing tag backs off until pushed, a crashing image loops",
  async (t) => {
    await using s = await startTestSandbox({ speed: 20 });
    const { registryServer: registry, clock } = s.sandbox;
    const api = s.sandbox.apiServer.api;
    await pushImage({
      registry: registry.url,
      repository: 'demo/backend',
      tag: 'v1.0.0',
      clock,
      labels: { 'org.opencontainers.image.version': '1.0.0' },
    });
    await pushImage({
      registry: registry.url,
      repository: 'demo/backend',
      tag: 'v9-crash',
      clock,
      labels: { 'gitops-sandbox.io/crash': 'true' },
    });

    const run = async (name: string, tag: string) =>
      s.kubectl(['create', 'deployment', name, `--image=${registry.url}/demo/backend:${tag}`]);
    const pod = (name: string) => api.list('v1', 'Pod', { namespace: 'default', labelSelector: `app=${name}` })[0];
    const until = async (what: string, check: () => boolean) => {
      for (let i = 0; i < 600 && !check(); i++) await clock.sleep(500);
      if (!check()) throw new Error(`timed out waiting for ${what}`);
    };

    t.is((await run('present', 'v1.0.0')).exitCode, 0);
    t.is((await s.kubectl(['rollout', 'status', 'deployment/present', '--timeout=60s'])).exitCode, 0);

    t.is((await run('missing', 'v2.0.0')).exitCode, 0);
    await until(
      'ImagePullBackOff',
      () => containerStatus(pod('missing') ?? ({} as KubeObject))?.state.waiting?.reason === 'ImagePullBackOff',
    );
    const events = await s.kubectl([
      'get',
      'events',
      '--field-selector',
      `involvedObject.name=${pod('missing')!.metadata.name}`,
    ]);
    t.regex(events.stdout, /Failed/);
    t.regex(events.stdout, /BackOff/);
    await pushImage({ registry: registry.url, repository: 'demo/backend', tag: 'v2.0.0', clock });
    t.is(
      (await s.kubectl(['rollout', 'status', 'deployment/missing', '--timeout=120s'])).exitCode,
      0,
      'recovers once the tag exists',
    );

    t.is((await run('crashing', 'v9-crash')).exitCode, 0);
    await until(
      'CrashLoopBackOff',
      () => containerStatus(pod('crashing') ?? ({} as KubeObject))?.state.waiting?.reason === 'CrashLoopBackOff',
    );
    t.true(containerStatus(pod('crashing')!)!.restartCount >= 1);
    const table = await s.kubectl(['get', 'pods', '-l', 'app=crashing']);
    t.regex(table.stdout, /CrashLoopBackOff/);
  },
);
