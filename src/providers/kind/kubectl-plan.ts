import type { Command } from './command-runner.ts';

/** kubectl against the sandbox cluster only: every command names its kubeconfig, never the user's default one. */
export function kubectl(kubeconfig: string, args: readonly string[], input?: string): Command {
  return { file: 'kubectl', args: ['--kubeconfig', kubeconfig, ...args], ...(input !== undefined ? { input } : {}) };
}

/** Server-side apply of YAML given on stdin. */
export function applyStdin(kubeconfig: string, yaml: string): Command {
  return kubectl(kubeconfig, ['apply', '--server-side', '--force-conflicts', '-f', '-'], yaml);
}

/** Waits until every node reports Ready. */
export function waitForNodesReady(kubeconfig: string): Command {
  return kubectl(kubeconfig, ['wait', '--for', 'condition=Ready', 'nodes', '--all', '--timeout', '120s']);
}
