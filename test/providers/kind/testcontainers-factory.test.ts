import test from 'ava';
import { giteaContainer } from '../../../src/providers/kind/gitea-plan.ts';
import { registryContainer } from '../../../src/providers/kind/registry-plan.ts';
import { genericContainerFor } from '../../../src/providers/kind/testcontainers-factory.ts';

/**
 * What testcontainers would be asked to create, read from the (not started) GenericContainer's create options:
 * nothing here talks to Docker. Whether the engine accepts it is only known on a machine with one.
 */
function createRequest(container: object) {
  const c = container as unknown as {
    createOpts: { name?: string; Env?: string[]; Labels?: Record<string, string> };
    hostConfig: { ExtraHosts?: string[] };
    networkMode?: string;
    exposedPorts: unknown[];
    waitStrategy?: { path?: string; port?: number };
    startupTimeoutMs?: number;
  };
  return {
    name: c.createOpts.name,
    env: c.createOpts.Env,
    labels: c.createOpts.Labels,
    extraHosts: c.hostConfig.ExtraHosts,
    networkMode: c.networkMode,
    exposedPorts: c.exposedPorts,
    wait: { path: c.waitStrategy?.path, port: c.waitStrategy?.port },
    startupTimeoutMs: c.startupTimeoutMs,
  };
}

test('Gitea: name, kind network, environment, 3000 on the chosen host port, host.docker.internal → host-gateway', (t) => {
  const request = createRequest(
    genericContainerFor(giteaContainer('gitops-sandbox-abc', { hostPort: 43000, rootUrl: 'http://127.0.0.1:43000/' })),
  );
  t.like(request, {
    name: 'gitops-sandbox-abc-gitea',
    networkMode: 'kind',
    extraHosts: ['host.docker.internal:host-gateway'],
    exposedPorts: [{ container: 3000, host: 43000 }],
    wait: { path: '/api/healthz', port: 3000 },
    startupTimeoutMs: 120_000,
  });
  t.true(request.env?.includes('GITEA__security__INSTALL_LOCK=true'));
  t.is(request.labels?.['gitops-sandbox.io/part'], 'git');
});

test('registry: published on host port 5001, ready when /v2/ answers', (t) => {
  const request = createRequest(
    genericContainerFor(registryContainer('gitops-sandbox-abc'), { startupTimeoutMs: 5000 }),
  );
  t.like(request, {
    name: 'gitops-sandbox-abc-registry',
    networkMode: 'kind',
    exposedPorts: [{ container: 5000, host: 5001 }],
    wait: { path: '/v2/', port: 5000 },
    startupTimeoutMs: 5000,
  });
  t.deepEqual(request.extraHosts ?? [], []);
});
