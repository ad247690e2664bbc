import type { KubeObject } from '../../object.ts';
import { defaultObject, validateObject } from '../admission/index.ts';
import { ApiError, invalid, notFound } from '../api-error.ts';
import { validateCrd } from '../crd/validate-crd.ts';
import type { ResourceType } from '../resources/resource-type.ts';
import type { ApiContext } from './api-context.ts';

/** Defaulting then validation, as the admission chain and the registry strategy run them. Mutates `object`. */
export function admit(
  ctx: ApiContext,
  type: ResourceType,
  object: KubeObject,
  old: KubeObject | undefined,
  options: { defaults?: boolean } = {},
): void {
  const admission = {
    operation: old ? ('UPDATE' as const) : ('CREATE' as const),
    ...(old ? { old } : {}),
    clock: ctx.clock,
    random: ctx.random,
    allocateClusterIP: () => ctx.allocators.allocateClusterIP(),
    allocateNodePort: () => ctx.allocators.allocateNodePort(),
  };
  // Writes to /status and /finalize are not defaulted again (the registry's status strategies skip it).
  if (options.defaults ?? true) defaultObject(object, admission);
  const errors = validateObject(object, admission);
  if (type.group === 'apiextensions.k8s.io' && type.kind === 'CustomResourceDefinition')
    errors.push(...validateCrd(object, old));
  if (errors.length > 0) throw invalid(type, object.metadata.name ?? object.metadata.generateName ?? '', errors);
}

const NAMESPACES = { plural: 'namespaces', group: '' };

/** New objects need a live namespace (K: NamespaceLifecycle admission plugin). */
export function requireNamespace(ctx: ApiContext, namespace: string): void {
  const ns = ctx.store.get('/namespaces', undefined, namespace);
  if (!ns) throw notFound(NAMESPACES, namespace);
  if (ns.metadata.deletionTimestamp) {
    throw new ApiError(
      403,
      'Forbidden',
      `unable to create new content in namespace ${namespace} because it is being terminated`,
      {
        name: namespace,
        kind: 'namespaces',
        causes: [
          {
            reason: 'NamespaceTerminating',
            message: `namespace ${namespace} is being terminated`,
            field: 'metadata.namespace',
          },
        ],
      },
    );
  }
}
