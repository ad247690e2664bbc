import { execSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { ScaledClock } from '../../src/clock/index.ts';
import { type StartedApiServer, startApiServer } from '../../src/kube/apiserver/server.ts';
import { startGarbageCollector } from '../../src/kube/controllers/garbage-collector/garbage-collector.ts';
import { startNamespaceController } from '../../src/kube/controllers/namespace/namespace-controller.ts';
import { kubeconfigFor } from '../../src/providers/state/state-files.ts';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface TestCluster extends AsyncDisposable {
  server: StartedApiServer;
  kubeconfig: string;
  kubectl(args: string[], options?: { input?: string; binary?: string }): Promise<KubectlResult>;
}

/** The directory holding kubectl.1.27 … kubectl.1.33 beside the dispatcher on PATH. */
export function kubectlVersionsDir(): string {
  return dirname(execSync('readlink -f "$(command -v kubectl)"', { encoding: 'utf8' }).trim());
}

/** An embedded API server with its GC and namespace controller, plus a kubectl bound to it by a kubeconfig. */
export async function startTestCluster(options: { speed?: number } = {}): Promise<TestCluster> {
  const clock = new ScaledClock({ speed: options.speed ?? 1 });
  const server = await startApiServer({ clock });
  const controllers = new AbortController();
  startGarbageCollector({ api: server.api, clock, signal: controllers.signal });
  startNamespaceController({ api: server.api, types: server.context.types, clock, signal: controllers.signal });
  const dir = await mkdtemp(join(tmpdir(), 'gitops-sandbox-test-'));
  const kubeconfig = join(dir, 'kubeconfig');
  await writeFile(kubeconfig, kubeconfigFor(server.url));
  const close = async () => {
    controllers.abort();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  };
  return {
    server,
    kubeconfig,
    async kubectl(args, { input, binary = 'kubectl' } = {}) {
      const result = await execa(binary, args, {
        env: { KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dir, 'cache'), HOME: dir },
        reject: false,
        ...(input !== undefined ? { input } : {}),
        timeout: 60_000,
      });
      return { stdout: result.stdout as string, stderr: result.stderr as string, exitCode: result.exitCode ?? -1 };
    },
    [Symbol.asyncDispose]: close,
  };
}
