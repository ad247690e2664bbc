export { type NodeLifecycleOptions, startNodeLifecycleController } from './node-lifecycle-controller.ts';
export { startTaintEvictionController } from './taint-eviction.ts';
export * from './taints.ts';
