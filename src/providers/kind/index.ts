export { clusterName, kindConfig, NODE_FAILURE_TIMINGS, nodeNames } from './cluster-plan.ts';
export type { Command, CommandResult, CommandRunner } from './command-runner.ts';
export type { ContainerDefinition, ContainerFactory, RunningContainer } from './container-factory.ts';
export { KindError, type KindErrorCode } from './errors.ts';
export { execaRunner } from './execa-runner.ts';
export {
  type HostPartOptions,
  type StartedHostReconciler,
  type StartHostImageUpdater,
  type StartHostReconciler,
  startHostReconciler,
} from './host-reconciler.ts';
export { kindImagePublisher } from './kind-images.ts';
export { DEFAULT_ROOT, type KindSandboxDeps, type StartedKindSandbox, startKindSandbox } from './kind-sandbox.ts';
export { testcontainersFactory } from './testcontainers-factory.ts';
export { PINNED, REGISTRY_HOST } from './versions.ts';
