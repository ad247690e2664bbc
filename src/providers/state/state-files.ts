import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SandboxError } from '../../errors.ts';

/** sandbox.json: where a running sandbox's parts are, for `down`, the other CLI verbs, scenarios and users. */
export interface SandboxState {
  provider: 'embedded' | 'kind';
  pid: number;
  kubeconfig: string;
  kubernetes: { server: string };
  speed: number;
  startedAt: string;
  git?: { url: string; username: string; password: string; token: string };
  registry?: { url: string };
  reconciler?: { webhookUrl: string; namespace: string };
  /** The embedded sandbox's control endpoint (faults from the CLI). */
  control?: { url: string };
  /** The kind provider's cluster, so `down` can delete it if the sandbox process died without tearing down. */
  kind?: { clusterName: string };
}

export class StateError extends SandboxError {}

export function statePaths(stateDir: string) {
  const dir = resolve(stateDir);
  return { dir, state: join(dir, 'sandbox.json'), kubeconfig: join(dir, 'kubeconfig') };
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, content, { mode: 0o600 });
  await rename(temporary, path);
}

export async function writeState(stateDir: string, state: SandboxState): Promise<void> {
  const paths = statePaths(stateDir);
  await mkdir(paths.dir, { recursive: true });
  await writeAtomically(paths.state, `${JSON.stringify(state, null, 2)}\n`);
}

export async function readState(stateDir: string): Promise<SandboxState> {
  const paths = statePaths(stateDir);
  let text: string;
  try {
    text = await readFile(paths.state, 'utf8');
  } catch {
    throw new StateError(
      'NoSandbox',
      `no running sandbox found in ${paths.dir} (no sandbox.json); start one with \`gitops-sandbox up --state-dir ${stateDir}\``,
    );
  }
  try {
    return JSON.parse(text) as SandboxState;
  } catch (error) {
    throw new StateError('CorruptState', `${paths.state} is not valid JSON; remove it and start the sandbox again`, {
      cause: error,
    });
  }
}

export async function removeState(stateDir: string): Promise<void> {
  const paths = statePaths(stateDir);
  await rm(paths.state, { force: true });
  await rm(paths.kubeconfig, { force: true });
}

/**
 * A kubeconfig for a plain-HTTP loopback API server, with one context named after the sandbox.
 * `insecure-skip-tls-verify` is how @kubernetes/client-node 2.x agrees to talk plain HTTP; kubectl ignores it there.
 */
export function kubeconfigFor(server: string, name = 'gitops-sandbox'): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${name}`,
    '  cluster:',
    `    server: ${server}`,
    '    insecure-skip-tls-verify: true',
    'contexts:',
    `- name: ${name}`,
    '  context:',
    `    cluster: ${name}`,
    `    user: ${name}`,
    '    namespace: default',
    `current-context: ${name}`,
    'users:',
    `- name: ${name}`,
    '  user: {}',
    '',
  ].join('\n');
}
