import { existsSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { kubectlVersionsDir, startTestCluster } from '../../support/kubectl.ts';

const manifest = (image: string, replicas: number) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: ${image}}
      - {name: sidecar, image: envoy:1}
`;

// Every kubectl from 1.27 to 1.33 works unchanged, with no extra flags: each version takes a different path
// (OpenAPI v2 protobuf in 1.27/1.28, aggregated discovery v2beta1 or v2, protobuf request bodies from 1.32).
for (const minor of [27, 28, 29, 30, 31, 32, 33]) {
  const binary = join(kubectlVersionsDir(), `kubectl.1.${minor}`);
  const run = existsSync(binary) ? test : test.skip;
  run(`kubectl 1.${minor}: apply, reconfigure, server-side apply, create and delete`, async (t) => {
    await using cluster = await startTestCluster();
    const kubectl = (args: string[], input?: string) => cluster.kubectl(args, { binary, ...(input ? { input } : {}) });
    const created = await kubectl(['apply', '-f', '-'], manifest('nginx:1', 2));
    t.is(created.exitCode, 0, created.stderr);
    const changed = await kubectl(['apply', '-f', '-'], manifest('nginx:2', 3));
    t.is(changed.exitCode, 0, changed.stderr);
    t.regex(changed.stdout, /configured/);
    const live = JSON.parse((await kubectl(['get', 'deploy', 'web', '-o', 'json'])).stdout);
    t.deepEqual(
      live.spec.template.spec.containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`),
      ['web=nginx:2', 'sidecar=envoy:1'],
    );
    t.is(live.spec.replicas, 3);
    const ssa = await kubectl(['apply', '--server-side', '--force-conflicts', '-f', '-'], manifest('nginx:3', 3));
    t.is(ssa.exitCode, 0, ssa.stderr);
    const typed = await kubectl(['create', 'configmap', 'settings', '--from-literal=a=1']);
    t.is(typed.exitCode, 0, typed.stderr);
    const table = await kubectl(['get', 'deploy,cm']);
    t.regex(table.stdout, /deployment\.apps\/web\s+0\/3/);
    t.regex(table.stdout, /configmap\/settings\s+1/);
    const deleted = await kubectl(['delete', 'deploy', 'web']);
    t.is(deleted.exitCode, 0, deleted.stderr);
  });
}
