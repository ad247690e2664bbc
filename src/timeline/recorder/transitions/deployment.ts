import { jsonEqual } from '../../../json/json-equal.ts';
import type { KubeObject } from '../../../kube/object.ts';
import { at, type Draft, subjectOf } from './draft.ts';

function rolloutOf(deployment: KubeObject): Record<string, unknown> {
  const status = deployment['status'];
  const num = (value: unknown, fallback = 0) => (typeof value === 'number' ? value : fallback);
  const containers = (at(deployment, 'spec', 'template', 'spec', 'containers') as { image?: string }[]) ?? [];
  return {
    replicas: num(at(deployment, 'spec', 'replicas'), 1),
    total: num(at(status, 'replicas')),
    updated: num(at(status, 'updatedReplicas')),
    ready: num(at(status, 'readyReplicas')),
    available: num(at(status, 'availableReplicas')),
    unavailable: num(at(status, 'unavailableReplicas')),
    images: containers.map((c) => c.image ?? ''),
    generation: num(deployment.metadata.generation),
    observedGeneration: num(at(status, 'observedGeneration')),
  };
}

/** A Deployment `rollout` event whenever its replica counts, images or observed generation change. */
export function deploymentTransitions(deployment: KubeObject | undefined, previous: KubeObject | undefined): Draft[] {
  if (!deployment) return [];
  const now = rolloutOf(deployment);
  if (previous && jsonEqual(now, rolloutOf(previous))) return [];
  const images = (now['images'] as string[]).join(', ');
  return [
    {
      component: 'deployment',
      type: 'rollout',
      subject: subjectOf(deployment),
      message:
        `${now['updated']}/${now['replicas']} updated, ${now['total']} total, ${now['ready']} ready, ` +
        `${now['available']} available` +
        ` (generation ${now['observedGeneration']}/${now['generation']}) ${images}`,
      data: now,
    },
  ];
}
