import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { type Clock, ScaledClock } from '../../../clock/index.ts';
import { readState, type SandboxState, statePaths } from '../../../providers/state/state-files.ts';
import { ClusterClient } from '../../../reconciler/cluster/index.ts';
import { AppCliError } from './errors.ts';

/** Where a verb writes; the CLI passes process.stdout, tests a string buffer. */
export interface Output {
  write(text: string): void;
}

/** Everything a verb needs, built once per invocation: tests build it directly against an embedded API server. */
export interface AppContext {
  client: ClusterClient;
  /** The namespace Applications live in (argocd's control-plane namespace). */
  namespace: string;
  clock: Clock;
  stdout: Output;
  stderr: Output;
  /** Wall-clock milliseconds between two reads of an Application while following it (the CLI polls; no watch). */
  pollIntervalMs: number;
  /** Recorded as operation.initiatedBy.username, as Argo CD records the logged-in user. */
  username: string;
  /** Where `app diff` keeps its git mirrors and trees. */
  repoCacheDir: string;
  /** The sandbox git server's account, for `app diff` to fetch from it. */
  git?: { url: string; username: string; password: string };
}

export interface ConnectionOptions {
  stateDir: string;
  kubeconfig?: string;
  appNamespace?: string;
}

export interface ContextDeps {
  stdout?: Output;
  stderr?: Output;
  clock?: Clock;
  pollIntervalMs?: number;
  repoCacheDir?: string;
}

export const DEFAULT_APP_NAMESPACE = 'argocd';

/** Connects to the sandbox in the state dir, or to the cluster of an explicit kubeconfig. */
export async function connect(options: ConnectionOptions, deps: ContextDeps = {}): Promise<AppContext> {
  let state: SandboxState | undefined;
  const config = new KubeConfig();
  if (options.kubeconfig) {
    try {
      config.loadFromFile(options.kubeconfig);
    } catch (error) {
      throw new AppCliError('NoCluster', `cannot read the kubeconfig ${options.kubeconfig}: ${String(error)}`, {
        cause: error,
      });
    }
  } else {
    state = await readState(options.stateDir);
    config.loadFromFile(state.kubeconfig);
  }
  return {
    client: new ClusterClient(config),
    namespace: options.appNamespace ?? state?.reconciler?.namespace ?? DEFAULT_APP_NAMESPACE,
    clock: deps.clock ?? sandboxClock(state),
    stdout: deps.stdout ?? process.stdout,
    stderr: deps.stderr ?? process.stderr,
    pollIntervalMs: deps.pollIntervalMs ?? 250,
    username: localUsername(),
    repoCacheDir:
      deps.repoCacheDir ??
      (state ? join(statePaths(options.stateDir).dir, 'cli-repo-cache') : join(tmpdir(), 'gitops-sandbox-cli-repos')),
    ...(state?.git ? { git: state.git } : {}),
  };
}

/**
 * The sandbox's simulated time: it started at `startedAt` and runs `speed` times faster than the wall clock, so
 * `--timeout` and printed durations are in the same seconds as the timestamps the sandbox writes into objects.
 */
export function sandboxClock(state: SandboxState | undefined): Clock {
  if (!state) return new ScaledClock();
  const started = Date.parse(state.startedAt);
  const speed = state.speed > 0 ? state.speed : 1;
  // A speed-1 clock reads the wall clock; nothing outside src/clock calls Date.now.
  const wallNow = new ScaledClock().now();
  return new ScaledClock({ speed, start: Number.isFinite(started) ? started + (wallNow - started) * speed : wallNow });
}

function localUsername(): string {
  try {
    return userInfo().username;
  } catch {
    return 'admin';
  }
}
