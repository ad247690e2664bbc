import test from 'ava';
import { Random } from '../../../src/clock/index.ts';
import {
  clusterName,
  kindCommands,
  kindConfig,
  NODE_FAILURE_TIMINGS,
  nodeNames,
  parseNodes,
  serverOf,
} from '../../../src/providers/kind/cluster-plan.ts';
import { formatCommand } from '../../../src/providers/kind/command-runner.ts';
import { KindError } from '../../../src/providers/kind/errors.ts';
import {
  giteaAdmin,
  giteaAdminCommands,
  giteaContainer,
  giteaRootUrl,
} from '../../../src/providers/kind/gitea-plan.ts';
import { digestFromRepoDigests, publishImageCommands } from '../../../src/providers/kind/image-plan.ts';
import {
  argoCdSettings,
  clusterWebhookUrl,
  hostWebhookUrlForGitea,
} from '../../../src/providers/kind/reconciler-plan.ts';
import {
  hostsToml,
  hostsTomlCommands,
  localRegistryConfigMap,
  registryContainer,
} from '../../../src/providers/kind/registry-plan.ts';
import { KUBECONFIG } from './fakes.ts';
import { assertGolden } from './golden.ts';

const CLUSTER = 'gitops-sandbox-t3st42';

test('cluster names come from the seeded Random: same seed, same name; another seed, another name', (t) => {
  const a = clusterName(new Random(7));
  t.regex(a, /^gitops-sandbox-[b-z2-9]{6}$/);
  t.is(clusterName(new Random(7)), a);
  t.not(clusterName(new Random(8)), a);
});

test('kind config: 1 control plane + 2 workers, containerd certs.d, shortened node-failure timings (golden)', async (t) => {
  const config = kindConfig({ name: CLUSTER });
  await assertGolden(t, 'kind-config.yaml', config);
  t.is(config.match(/- role: worker/g)?.length, 2);
  t.is(config.match(/- role: control-plane/g)?.length, 1);
  // A stopped node: Unknown after the grace period (+ up to one 5 s monitor period), evicted after the toleration.
  const grace = Number.parseInt(NODE_FAILURE_TIMINGS.nodeMonitorGracePeriod, 10);
  t.true(grace + 5 + NODE_FAILURE_TIMINGS.tolerationSeconds <= 60, 'a node failure replays in about a minute');
});

test('containerd hosts.toml and the local-registry-hosting ConfigMap, as in kind’s local-registry guide (golden)', async (t) => {
  await assertGolden(t, 'hosts.toml', hostsToml(CLUSTER));
  await assertGolden(t, 'local-registry-hosting.yaml', localRegistryConfigMap());
  t.deepEqual(hostsTomlCommands(`${CLUSTER}-worker`, CLUSTER).map(formatCommand), [
    `docker exec ${CLUSTER}-worker mkdir -p /etc/containerd/certs.d/localhost:5001`,
    `docker exec -i ${CLUSTER}-worker cp /dev/stdin /etc/containerd/certs.d/localhost:5001/hosts.toml`,
  ]);
  t.is(hostsTomlCommands('n', CLUSTER)[1]!.input, hostsToml(CLUSTER));
});

test('container definitions: image, network, environment, ports, extra hosts, readiness (golden)', async (t) => {
  const definitions = [
    registryContainer(CLUSTER),
    giteaContainer(CLUSTER, {
      hostPort: 43000,
      rootUrl: giteaRootUrl({ cluster: CLUSTER, inCluster: false, hostPort: 43000 }),
    }),
  ];
  await assertGolden(t, 'containers.json', `${JSON.stringify(definitions, null, 2)}\n`);
  const [registry, gitea] = definitions;
  t.is(registry!.network, 'kind');
  t.deepEqual(registry!.ports, [{ container: 5000, host: 5001 }]);
  t.regex(gitea!.image, /^gitea\/gitea:\d+\.\d+\.\d+$/, 'Gitea is pinned to a release');
  t.is(gitea!.environment['GITEA__security__INSTALL_LOCK'], 'true');
  t.deepEqual(gitea!.extraHosts, [{ host: 'host.docker.internal', ipAddress: 'host-gateway' }]);
});

test('Gitea ROOT_URL names Gitea as the reconciler does, so push payloads match Applications by host', (t) => {
  t.is(giteaRootUrl({ cluster: CLUSTER, inCluster: false, hostPort: 43000 }), 'http://127.0.0.1:43000/');
  t.is(giteaRootUrl({ cluster: CLUSTER, inCluster: true, hostPort: 43000 }), `http://${CLUSTER}-gitea:3000/`);
});

test('Gitea admin and token commands run as git inside the container', (t) => {
  const admin = giteaAdmin(new Random(1));
  t.is(admin.username, 'gitops');
  const { createUser, createToken } = giteaAdminCommands(admin);
  t.deepEqual(createUser, [
    'gitea',
    'admin',
    'user',
    'create',
    '--admin',
    '--username',
    'gitops',
    '--password',
    admin.password,
    '--email',
    'gitops@sandbox.local',
    '--must-change-password=false',
  ]);
  t.deepEqual(createToken.slice(3), [
    'generate-access-token',
    '--username',
    'gitops',
    '--token-name',
    'gitops-sandbox',
    '--scopes',
    'all',
    '--raw',
  ]);
});

test('kind commands name the cluster and keep away from ~/.kube/config', (t) => {
  t.is(
    formatCommand(
      kindCommands.create({
        name: CLUSTER,
        configPath: '/s/kind/kind-config.yaml',
        kubeconfigPath: '/s/kind/kubeconfig',
      }),
    ),
    `kind create cluster --name ${CLUSTER} --config /s/kind/kind-config.yaml --kubeconfig /s/kind/kubeconfig --wait 120s`,
  );
  t.is(
    formatCommand(kindCommands.delete({ name: CLUSTER, kubeconfigPath: '/s/kind/kubeconfig' })),
    `kind delete cluster --name ${CLUSTER} --kubeconfig /s/kind/kubeconfig`,
  );
  t.is(formatCommand(kindCommands.getKubeconfig(CLUSTER)), `kind get kubeconfig --name ${CLUSTER}`);
});

test('kind output parsing: nodes control plane first, the API server of a kubeconfig', (t) => {
  t.deepEqual(parseNodes('c-worker2\nc-control-plane\nc-worker\n'), nodeNames('c'));
  t.is(serverOf(KUBECONFIG), 'https://127.0.0.1:40123');
  t.is(serverOf('apiVersion: v1\n'), undefined);
});

test('publishImage plan: docker build with VERSION, CRASH and SOURCE_DATE_EPOCH, push, inspect', (t) => {
  const plan = publishImageCommands(
    { repository: 'letsgo/backend', tag: 'v1.2.0', crash: true, created: '2026-01-02T03:04:05Z' },
    { rootDir: '/repo', created: '2026-11-22T00:00:00Z' },
  );
  t.is(plan.reference, 'localhost:5001/letsgo/backend:v1.2.0');
  t.is(
    formatCommand(plan.build),
    'docker build --build-arg VERSION=v1.2.0 --build-arg CRASH=true --build-arg SOURCE_DATE_EPOCH=1767323045 --tag localhost:5001/letsgo/backend:v1.2.0 sandbox/images/version-server',
  );
  t.is(plan.build.cwd, '/repo');
  t.is(formatCommand(plan.push), 'docker push localhost:5001/letsgo/backend:v1.2.0');
  t.is(
    formatCommand(plan.inspect),
    "docker image inspect --format '{{json .RepoDigests}}' localhost:5001/letsgo/backend:v1.2.0",
  );
  const other = publishImageCommands(
    { repository: 'a/b', tag: 't', version: '2.0', build: 'other-server' },
    { rootDir: '/repo', created: '2026-11-22T00:00:00Z' },
  );
  t.true(other.build.args.includes('VERSION=2.0'));
  t.true(other.build.args.includes('CRASH=false'));
  t.true(other.build.args.includes('SOURCE_DATE_EPOCH=1795305600'));
  t.is(other.build.args.at(-1), 'sandbox/images/other-server');
  const error = t.throws(() =>
    publishImageCommands(
      { repository: 'a/b', tag: 't', build: '../etc' },
      { rootDir: '/r', created: '2026-01-01T00:00:00Z' },
    ),
  );
  t.true(error instanceof KindError && error.code === 'UnsupportedOption');
});

test('the pushed digest is read from RepoDigests of the right repository', (t) => {
  const digest = `sha256:${'cd'.repeat(32)}`;
  t.is(
    digestFromRepoDigests(
      `["localhost:5001/other@sha256:00","localhost:5001/letsgo/backend@${digest}"]`,
      'letsgo/backend',
    ),
    digest,
  );
  const error = t.throws(() => digestFromRepoDigests('[]', 'letsgo/backend'));
  t.true(error instanceof KindError && error.code === 'UnexpectedOutput');
});

test('Argo CD settings: repo credentials for Gitea, the image updater reaches localhost:5001 via the registry container (golden)', async (t) => {
  await assertGolden(
    t,
    'argocd-settings.yaml',
    argoCdSettings({
      cluster: CLUSTER,
      gitClusterUrl: `http://${CLUSTER}-gitea:3000`,
      username: 'gitops',
      password: 'secret',
    }),
  );
});

test('webhook URLs as Gitea reaches them: host gateway, in-cluster NodePort, Argo CD NodePort', (t) => {
  t.is(hostWebhookUrlForGitea('http://127.0.0.1:41234/api/webhook'), 'http://host.docker.internal:41234/api/webhook');
  t.is(clusterWebhookUrl('in-cluster', CLUSTER), `http://${CLUSTER}-control-plane:30080/api/webhook`);
  t.is(clusterWebhookUrl('argocd', CLUSTER), `https://${CLUSTER}-control-plane:30443/api/webhook`);
});
