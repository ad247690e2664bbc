import type { Profile } from '../engine/stage.ts';
import { containerStages } from './container-stages.ts';
import { deletionStages } from './deletion-stages.ts';
import { imageStages } from './image-stages.ts';
import { acceptStage, sandboxStage } from './lifecycle-stages.ts';
import type { PodMemory } from './pod-memory.ts';
import type { PodNode } from './pod-node.ts';
import { probeStages } from './probe-stages.ts';

/**
 * The default pod lifecycle of a kind node: accept → sandbox (pod IP) → image pulls (with back-off) → containers
 * created and started → readiness → exits and restarts (Jobs, crashing images) → graceful deletion.
 * Deletion stages come first: when several stages are due at once, the earlier one in this list wins.
 */
export function podProfile(node: PodNode): Profile<PodMemory> {
  return [
    ...deletionStages(),
    acceptStage(node),
    sandboxStage(node),
    ...imageStages(node),
    ...containerStages(),
    ...probeStages(),
  ];
}
