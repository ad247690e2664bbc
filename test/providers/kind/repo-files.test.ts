import { access, chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { execa } from 'execa';
import { parse, parseAllDocuments } from 'yaml';
import { kindConfig } from '../../../src/providers/kind/cluster-plan.ts';
import { argoCdCommands, inClusterCommands } from '../../../src/providers/kind/reconciler-plan.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;

test('the kind config is YAML kind can read, and its kubeadm patch is YAML too', (t) => {
  const config = parse(kindConfig({ name: 'gitops-sandbox-abc' }));
  t.is(config.kind, 'Cluster');
  t.is(config.apiVersion, 'kind.x-k8s.io/v1alpha4');
  t.deepEqual(
    config.nodes.map((n: { role: string }) => n.role),
    ['control-plane', 'worker', 'worker'],
  );
  const patch = parse(config.kubeadmConfigPatches[0]);
  t.deepEqual(patch, {
    kind: 'ClusterConfiguration',
    controllerManager: { extraArgs: { 'node-monitor-grace-period': '20s' } },
    apiServer: {
      extraArgs: { 'default-not-ready-toleration-seconds': '30', 'default-unreachable-toleration-seconds': '30' },
    },
  });
  t.regex(config.containerdConfigPatches[0], /config_path = "\/etc\/containerd\/certs\.d"/);
});

test('every repository file the in-cluster and argocd plans apply or build exists', async (t) => {
  const commands = [
    ...inClusterCommands({ kubeconfig: 'k', rootDir: ROOT }),
    ...argoCdCommands({
      kubeconfig: 'k',
      rootDir: ROOT,
      cluster: 'c',
      gitClusterUrl: 'u',
      username: 'u',
      password: 'p',
    }),
  ];
  const files = commands.flatMap((command) =>
    command.args.flatMap((arg, i) =>
      ['-f', '--file'].includes(command.args[i - 1] ?? '') && arg.startsWith('sandbox/') ? [arg] : [],
    ),
  );
  t.true(files.length >= 8);
  for (const file of files) await t.notThrowsAsync(access(join(ROOT, file)), `${file} exists`);
});

test('the NodePort Services select the pods and ports they open', async (t) => {
  const deployment = parseAllDocuments(
    await readFile(join(ROOT, 'sandbox/reconciler/in-cluster/deployment.yaml'), 'utf8'),
  ).map((d) => d.toJS())[0];
  const webhook = parse(await readFile(join(ROOT, 'sandbox/kind/in-cluster/reconciler-webhook.yaml'), 'utf8'));
  t.like(deployment.spec.template.metadata.labels, webhook.spec.selector);
  const ports = deployment.spec.template.spec.containers[0].ports.map((p: { name: string }) => p.name);
  t.true(ports.includes(webhook.spec.ports[0].targetPort));
  t.is(webhook.spec.ports[0].nodePort, 30080);
  const argocd = parse(await readFile(join(ROOT, 'sandbox/kind/argocd/argocd-server-webhook.yaml'), 'utf8'));
  t.deepEqual(argocd.spec.selector, { 'app.kubernetes.io/name': 'argocd-server' });
  t.is(argocd.spec.ports[0].nodePort, 30443);
});

test('the version-server image takes the VERSION and CRASH build args publishImage passes', async (t) => {
  const dockerfile = await readFile(join(ROOT, 'sandbox/images/version-server/Dockerfile'), 'utf8');
  t.regex(dockerfile, /^ARG VERSION=/m);
  t.regex(dockerfile, /^ARG CRASH=false$/m);
  t.regex(dockerfile, /^COPY serve\.sh /m);
  await t.notThrowsAsync(access(join(ROOT, 'sandbox/images/version-server/serve.sh')));
});

test('serve.sh: CRASH=true exits at start; otherwise httpd serves the version (with a stand-in httpd)', async (t) => {
  const bin = await mkdtemp(join(tmpdir(), 'fake-httpd-'));
  // Prints its arguments and the files of the directory it would serve.
  await writeFile(
    join(bin, 'httpd'),
    '#!/bin/sh\necho "httpd $*"\nwhile [ $# -gt 0 ]; do [ "$1" = -h ] && cat "$2/index.html" "$2/version" "$2/healthz"; shift; done\n',
  );
  await chmod(join(bin, 'httpd'), 0o755);
  const serve = join(ROOT, 'sandbox/images/version-server/serve.sh');
  const env = { PATH: `${bin}:${process.env['PATH']}`, VERSION: 'v1.2.3', PORT: '8080' };
  const ok = await execa('sh', [serve], { env, reject: false });
  t.is(ok.exitCode, 0);
  t.regex(ok.stdout, /^httpd -f -v -p 8080 -h \S+$/m);
  t.regex(ok.stdout, /^version-server v1\.2\.3\nv1\.2\.3\nok$/m);
  const crash = await execa('sh', [serve], { env: { ...env, CRASH: 'true' }, reject: false });
  t.is(crash.exitCode, 1);
  t.regex(crash.stderr, /built with CRASH=true, exiting/);
  await rm(bin, { recursive: true, force: true });
});
