import { rfc3339 } from '../../../../clock/index.ts';
import { isPlainObject } from '../../../object.ts';
import { badRequest, conflict } from '../../api-error.ts';
import { updateManagedFields } from '../../patch/index.ts';
import type { ResourceType } from '../../resources/resource-type.ts';
import type { ApiContext } from '../api-context.ts';
import type { WriteOptions } from '../options.ts';
import { current } from '../update.ts';

/**
 * POST pods/{name}/binding: how the scheduler assigns a pod to a node (K: pkg/registry/core/pod/storage
 * BindingREST). Sets spec.nodeName once and marks PodScheduled; a second binding is a 409 Conflict.
 */
export function bindPod(
  ctx: ApiContext,
  type: ResourceType,
  namespace: string,
  name: string,
  body: unknown,
  options: WriteOptions,
): Record<string, unknown> {
  const binding = body as { target?: { kind?: string; name?: string }; metadata?: { name?: string } };
  if (!isPlainObject(body) || !binding.target?.name) throw badRequest('Binding.target.name: Required value');
  if (binding.target.kind && binding.target.kind !== 'Node') {
    throw badRequest(`Binding.target.kind: Unsupported value: "${binding.target.kind}": supported values: "Node"`);
  }
  const pod = current(ctx, type, namespace, name);
  const spec = (pod['spec'] ?? {}) as { nodeName?: string };
  if (pod.metadata.deletionTimestamp)
    throw conflict(type, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  if (spec.nodeName) throw conflict(type, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
  const next = structuredClone(pod);
  (next['spec'] as { nodeName?: string }).nodeName = binding.target.name;
  const status = (next['status'] ?? {}) as { conditions?: { type: string }[] };
  const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  conditions.push({
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: rfc3339(ctx.clock),
  } as { type: string });
  next['status'] = { ...status, conditions };
  // Binding is its own storage path (K: BindingREST.setPodHostAndAnnotations): it writes spec.nodeName and the
  // condition without the pod update validation, which forbids changing spec.nodeName.
  next.metadata.managedFields = updateManagedFields({
    before: pod,
    after: next,
    manager: options.fieldManager,
    schema: ctx.schemas.schemaFor(type),
    now: rfc3339(ctx.clock),
    subresource: 'binding',
  });
  if (!options.dryRun) ctx.store.put(ctx.types.storageKey(type), next);
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
}
