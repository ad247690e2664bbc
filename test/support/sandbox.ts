import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { type StartedEmbeddedSandbox, startEmbeddedSandbox } from '../../src/providers/embedded/embedded-sandbox.ts';
import type { KubectlResult } from './kubectl.ts';

export interface TestSandbox extends AsyncDisposable {
  sandbox: StartedEmbeddedSandbox;
  kubectl(args: string[], options?: { input?: string; timeoutMs?: number }): Promise<KubectlResult>;
  json<T = Record<string, unknown>>(args: string[]): Promise<T>;
}

/** A whole embedded sandbox (API server, controllers, scheduler, kubelets, git, registry) in a temp state dir. */
export async function startTestSandbox(
  options: { speed?: number; nodes?: number; seed?: number } = {},
): Promise<TestSandbox> {
  const stateDir = await mkdtemp(join(tmpdir(), 'gitops-sandbox-cluster-'));
  const sandbox = await startEmbeddedSandbox({
    stateDir,
    speed: options.speed ?? 1,
    seed: options.seed ?? 7,
    ...(options.nodes ? { nodes: options.nodes } : {}),
  });
  const kubectl = async (
    args: string[],
    { input, timeoutMs = 120_000 }: { input?: string; timeoutMs?: number } = {},
  ) => {
    const result = await execa('kubectl', args, {
      env: { KUBECONFIG: sandbox.kubeconfigPath, KUBECACHEDIR: join(stateDir, 'kube-cache'), HOME: stateDir },
      reject: false,
      timeout: timeoutMs,
      ...(input !== undefined ? { input } : {}),
    });
    return { stdout: result.stdout as string, stderr: result.stderr as string, exitCode: result.exitCode ?? -1 };
  };
  return {
    sandbox,
    kubectl,
    async json<T>(args: string[]) {
      const result = await kubectl([...args, '-o', 'json']);
      if (result.exitCode !== 0) throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr}`);
      return JSON.parse(result.stdout) as T;
    },
    [Symbol.asyncDispose]: async () => {
      await sandbox.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
