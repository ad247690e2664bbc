import type { Clock } from '../clock/index.ts';
import type { Faults } from './control/faults.ts';
import type { StepListener } from './startup.ts';

export type ProviderName = 'embedded' | 'kind';

/**
 * Where the reconciler and image updater run: `host` — in this process against the cluster's kubeconfig (the
 * default); `in-cluster` — as a Deployment in the cluster (kind only); `argocd` — real Argo CD and Argo CD Image
 * Updater from pinned upstream manifests (kind only).
 */
export type ReconcilerMode = 'host' | 'in-cluster' | 'argocd';

export interface StartSandboxOptions {
  provider: ProviderName;
  reconciler?: ReconcilerMode;
  /** Where kubeconfig, sandbox.json, logs and data go. */
  stateDir: string;
  /** Simulated delays run N times faster (embedded; kind runs at speed 1). */
  speed?: number;
  /** Seed for jitter and generated names, for reproducible runs. */
  seed?: number;
  /** Push the example world (sandbox/world) into git and the registry and create its root Application (default true). */
  seedWorld?: boolean;
  /** Aborts start-up; whatever was started is torn down. */
  signal?: AbortSignal;
  /** Told when each start-up step starts and ends (the CLI draws a task list from it). */
  onStep?: StepListener;
  /** Embedded only: nodes including the control plane (default 3), API server port (0: free). */
  nodes?: number;
  port?: number;
}

export interface GitEndpoint {
  /** Base URL of the Gitea-compatible server as reachable from this host, e.g. http://127.0.0.1:3000. */
  url: string;
  username: string;
  password: string;
  /** An API token for the Gitea API (`Authorization: token …`). */
  token: string;
  /** Base URL as the reconciler / cluster reach it (differs from url in kind mode with an in-cluster reconciler). */
  clusterUrl: string;
}

export interface RegistryEndpoint {
  /** Base URL reachable from this host, e.g. http://127.0.0.1:5001. */
  url: string;
  /** The `host:port` image references in manifests use, e.g. `127.0.0.1:5001` or `localhost:5001` (kind). */
  host: string;
}

/** A running sandbox, whatever the provider: everything a scenario or a user needs to reach its parts. */
export interface StartedSandbox extends AsyncDisposable {
  readonly provider: ProviderName;
  readonly reconcilerMode: ReconcilerMode;
  readonly clock: Clock;
  readonly seed: number;
  readonly kubeconfigPath: string;
  readonly git: GitEndpoint;
  readonly registry: RegistryEndpoint;
  readonly reconciler: { webhookUrl: string; namespace: string };
  readonly faults: Faults;
  /** Node names, control plane first. */
  readonly nodes: readonly string[];
  /**
   * Puts an image in the sandbox registry: the embedded provider makes it with the image maker; kind builds
   * `sandbox/images/<build>` with docker and pushes it. Scenarios push new versions through this.
   */
  publishImage(image: PublishImage): Promise<{ reference: string; digest: string }>;
  /**
   * Embedded only: whether a node is powered off. The simulated traffic probe fails requests to pods there, as
   * kube-proxy keeps routing to them until the node lifecycle controller marks them not ready.
   */
  isNodeDown?(name: string): boolean;
  /** Real clusters: a base URL on this host that reaches a Service (`namespace/name`), for the HTTP traffic probe. */
  serviceUrl?(service: string, signal: AbortSignal): Promise<string>;
  /** Tears everything down in reverse order of start-up; safe to call twice. */
  close(): Promise<void>;
}

/** An image of the example world or a scenario: a tiny HTTP server that answers with its version. */
export interface PublishImage {
  /** Repository path in the registry, e.g. `letsgo/backend`. */
  repository: string;
  tag: string;
  /** The Dockerfile folder under `sandbox/images/` (default `version-server`). */
  build?: string;
  /** What the server reports as its version (default: the tag). */
  version?: string;
  /** A broken build: the container exits at start (CrashLoopBackOff). */
  crash?: boolean;
  /** Image config `created` time (ISO 8601); default: the sandbox clock's now. */
  created?: string;
}
