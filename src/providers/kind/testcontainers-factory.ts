import { GenericContainer, Wait } from 'testcontainers';
import type { ContainerDefinition, ContainerFactory, RunningContainer } from './container-factory.ts';
import { KindError } from './errors.ts';

/** A container definition as a testcontainers GenericContainer (not started), waiting on its HTTP readiness path. */
export function genericContainerFor(
  definition: ContainerDefinition,
  options: { startupTimeoutMs?: number } = {},
): GenericContainer {
  const { http } = definition.waitFor;
  return new GenericContainer(definition.image)
    .withName(definition.name)
    .withNetworkMode(definition.network)
    .withEnvironment({ ...definition.environment })
    .withLabels({ ...definition.labels })
    .withExtraHosts([...definition.extraHosts])
    .withExposedPorts(
      ...definition.ports.map((port) => (port.host ? { container: port.container, host: port.host } : port.container)),
    )
    .withWaitStrategy(Wait.forHttp(http.path, http.port).forStatusCodeMatching((code) => code >= 200 && code < 300))
    .withStartupTimeout(options.startupTimeoutMs ?? 120_000);
}

/**
 * The real container factory: testcontainers starts each definition (and its Ryuk reaper removes the containers
 * should this process die before close()).
 */
export function testcontainersFactory(options: { startupTimeoutMs?: number } = {}): ContainerFactory {
  return {
    async start(
      definition: ContainerDefinition,
      startOptions: { signal?: AbortSignal } = {},
    ): Promise<RunningContainer> {
      startOptions.signal?.throwIfAborted();
      let started: Awaited<ReturnType<GenericContainer['start']>>;
      try {
        started = await genericContainerFor(definition, options).start();
      } catch (error) {
        throw new KindError(
          'ContainerFailed',
          `container ${definition.name} (${definition.image}) did not start: ${error instanceof Error ? error.message : String(error)}; is another sandbox using its name or port? (\`docker ps\`)`,
          { cause: error },
        );
      }
      return {
        name: definition.name,
        id: started.getId(),
        host: started.getHost(),
        mappedPort: (port) => started.getMappedPort(port),
        async exec(command, execOptions = {}) {
          const result = await started.exec([...command], execOptions.user ? { user: execOptions.user } : {});
          return { exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
        },
        async stop() {
          await started.stop({ remove: true, removeVolumes: true });
        },
      };
    },
  };
}
