import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { giteaApi } from 'gitea-js';
import type { KubeObject } from '../../../src/kube/object.ts';
import { type StartedEmbeddedSandbox, startEmbeddedSandbox } from '../../../src/providers/embedded/embedded-sandbox.ts';
import type { Application } from '../../../src/reconciler/application/index.ts';

const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_AUTHOR_NAME: 'Bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'Bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};

export interface GitopsWorld extends AsyncDisposable {
  sandbox: StartedEmbeddedSandbox;
  /** A scratch directory removed at the end. */
  dir: string;
  /** `${git.url}/<user>/<repo>.git`, as Applications name it (no credentials). */
  repoURL: string;
  /** The same URL with credentials, for the command-line clients. */
  authURL: string;
  /** Writes the files into the work clone and commits them; returns the commit SHA. */
  commit(files: Record<string, string>, message: string): Promise<string>;
  /** `git push` of main; returns `performance.now()` at the moment it returned. */
  push(): Promise<number>;
  /** Runs the system git with a clean environment. */
  git(args: string[], cwd?: string): Promise<string>;
  /** Runs the real kubectl against the sandbox (warm discovery cache shared by every call). */
  kubectl(args: string[], input?: string): Promise<string>;
  createApp(name: string, spec: Partial<Application['spec']>): void;
}

/**
 * The whole embedded sandbox at speed 1 (real time), a Gitea repo whose push hook points at the reconciler's
 * webhook, and a work clone to push from — the setup of test/providers/gitops-flow.test.ts.
 */
export async function startGitopsWorld(options: { nodes: number }): Promise<GitopsWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-reconciler-'));
  const sandbox = await startEmbeddedSandbox({ stateDir: join(dir, 'state'), speed: 1, seed: 7, nodes: options.nodes });
  const close = async () => {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const { git } = sandbox;
    const gitea = giteaApi(git.url, { token: git.token });
    await gitea.user.createCurrentUserRepo({ name: 'apps', auto_init: true, default_branch: 'main' });
    await gitea.repos.repoCreateHook(git.username, 'apps', {
      type: 'gitea',
      config: { url: sandbox.reconciler.webhookUrl!, content_type: 'json' },
      events: ['push'],
      active: true,
    });
    const repoURL = `${git.url}/${git.username}/apps.git`;
    const auth = new URL(repoURL);
    auth.username = git.username;
    auth.password = git.password;
    const runGit = async (args: string[], cwd = dir) => (await execa('git', args, { cwd, env: GIT_ENV })).stdout;
    const work = join(dir, 'work');
    await runGit(['clone', '-q', auth.href, work]);
    const kubeEnv = { KUBECONFIG: sandbox.kubeconfigPath, KUBECACHEDIR: join(dir, 'kube-cache'), HOME: dir };
    return {
      sandbox,
      dir,
      repoURL,
      authURL: auth.href,
      async commit(files, message) {
        for (const [path, content] of Object.entries(files)) {
          await mkdir(dirname(join(work, path)), { recursive: true });
          await writeFile(join(work, path), content);
        }
        await runGit(['add', '-A'], work);
        await runGit(['commit', '-q', '-m', message], work);
        return (await runGit(['rev-parse', 'HEAD'], work)).trim();
      },
      async push() {
        await runGit(['push', '-q', 'origin', 'main'], work);
        return performance.now();
      },
      git: runGit,
      async kubectl(args, input) {
        const result = await execa('kubectl', args, { env: kubeEnv, ...(input !== undefined ? { input } : {}) });
        return result.stdout;
      },
      createApp(name, spec) {
        // In process: creating a thousand apps is set-up, not what is measured.
        sandbox.apiServer.api.create({
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Application',
          metadata: { name, namespace: sandbox.reconciler.namespace },
          spec: {
            project: 'default',
            destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
            ...spec,
          },
        } as KubeObject);
      },
      [Symbol.asyncDispose]: close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The Application fields the benches read. */
export type AppView = Pick<Application, 'metadata' | 'status'>;
