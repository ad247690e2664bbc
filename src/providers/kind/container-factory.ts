/**
 * A container the kind provider starts beside the cluster (registry, Gitea), as plain data: tests assert these
 * definitions, the default factory turns them into testcontainers calls.
 */
export interface ContainerDefinition {
  /** Container name; also its DNS name on the Docker network. */
  name: string;
  image: string;
  /** The Docker network to join (kind's is `kind`). */
  network: string;
  environment: Readonly<Record<string, string>>;
  /** Container ports published on the host: on `host` when given (the registry must be on 5001), else a free one. */
  ports: readonly { container: number; host?: number }[];
  /** /etc/hosts entries, e.g. host.docker.internal → host-gateway. */
  extraHosts: readonly { host: string; ipAddress: string }[];
  /** Ready when GET path on the container port answers 2xx. */
  waitFor: { http: { path: string; port: number } };
  labels: Readonly<Record<string, string>>;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunningContainer {
  readonly name: string;
  readonly id: string;
  /** The host the published ports are on (127.0.0.1 for a local Docker engine). */
  readonly host: string;
  /** The host port a container port is published on. */
  mappedPort(containerPort: number): number;
  exec(command: readonly string[], options?: { user?: string }): Promise<ExecResult>;
  /** Stops and removes the container. */
  stop(): Promise<void>;
}

/** Starts containers. The default one uses testcontainers; tests inject a recording fake. */
export interface ContainerFactory {
  start(definition: ContainerDefinition, options?: { signal?: AbortSignal }): Promise<RunningContainer>;
}
