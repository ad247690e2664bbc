import { messageOf } from '../../../errors.ts';
import type { KubeObject } from '../../../kube/object.ts';
import { ANNOTATION, hasAnnotationOption } from '../plan/index.ts';
import { waitForCrdEstablished } from './crd-ready.ts';
import type { EngineContext, EngineTask } from './engine-task.ts';
import type { ResultCode } from './types.ts';

export interface TaskOutcome {
  status: ResultCode;
  message: string;
}

/**
 * Applies a task's target (gitops-engine `applyObject`), always through the Kubernetes API:
 * - `Replace=true` (app or resource) → PUT over the live object, or POST when there is none; CRDs and Namespaces are
 *   updated instead, since replacing them would delete what they contain (as gitops-engine does);
 * - otherwise server-side apply with `force` (conflicts taken over) and our field manager. Argo CD's default
 *   client-side `kubectl apply` (three-way merge with last-applied-configuration) is not implemented: every sync is
 *   server-side, the way `ServerSideApply=true` behaves. `ServerSideApply=false` is therefore ignored.
 * Every write validates fields as `kubectl apply --validate=true` (Strict: an unknown field is an error naming it);
 * `Validate=false` (app or resource) sends Ignore instead, so unknown fields are dropped silently (gitops-engine
 * `validate`, sync_context.go `applyObject`; kubectl `--validate=false`).
 * A dry run (`dryRun=All`) validates on the server and changes nothing; `asNew` dry-runs a create instead, for a hook
 * that will be deleted and created again. API errors become SyncFailed with the
 * server's message.
 */
export async function applyTask(
  ctx: EngineContext,
  et: EngineTask,
  dryRun: boolean,
  options: { asNew?: boolean } = {},
): Promise<TaskOutcome> {
  const target = bodyOf(et);
  const suffix = dryRun ? ' (server dry run)' : '';
  const noun = `${et.task.kind.toLowerCase()}${et.task.group ? `.${et.task.group}` : ''}/${et.task.name}`;
  const write = { fieldManager: ctx.fieldManager, dryRun, fieldValidation: fieldValidationOf(ctx, target) };
  try {
    let result: KubeObject;
    let verb: string;
    if (dryRun && options.asNew) {
      // Validated as a create under a generated name: the existing object is deleted before the real create.
      const { name, ...metadata } = target.metadata;
      const fresh = { ...target, metadata: { ...metadata, generateName: `${name ?? ''}-` } };
      result = await ctx.client.create(fresh, write, ctx.signal);
      verb = 'created';
    } else if (ctx.options.syncOptions.replace || hasAnnotationOption(target, ANNOTATION.syncOptions, 'Replace=true')) {
      const live = await ctx.client.get(et.ref, ctx.signal);
      if (live) {
        const update = { ...target, metadata: { ...target.metadata, resourceVersion: live.metadata.resourceVersion } };
        result = await ctx.client.replace(update, write, ctx.signal);
        verb = isCrd(et) || et.task.kind === 'Namespace' ? 'updated' : 'replaced';
      } else {
        result = await ctx.client.create(target, write, ctx.signal);
        verb = 'created';
      }
    } else {
      result = await ctx.client.apply(target, { ...write, force: true }, ctx.signal);
      verb = 'serverside-applied';
    }
    if (!dryRun) {
      et.applied = { uid: result.metadata.uid ?? '', generation: result.metadata.generation ?? 0 };
      if (isCrd(et)) await waitForCrdEstablished(ctx, et.task.name);
    }
    return { status: 'Synced', message: `${noun} ${verb}${suffix}` };
  } catch (error) {
    ctx.signal.throwIfAborted();
    return { status: 'SyncFailed', message: messageOf(error) };
  }
}

/** gitops-engine: `validate := sc.validate && !HasAnnotationOption(target, sync-options, "Validate=false")`. */
function fieldValidationOf(ctx: EngineContext, target: KubeObject): 'Strict' | 'Ignore' {
  const off =
    !ctx.options.syncOptions.validate || hasAnnotationOption(target, ANNOTATION.syncOptions, 'Validate=false');
  return off ? 'Ignore' : 'Strict';
}

/** The target as sent: cluster-scoped objects lose the destination namespace the plan gave every target. */
function bodyOf(et: EngineTask): KubeObject {
  const target = et.task.target!;
  if (et.namespaced !== false || target.metadata.namespace === undefined) return target;
  const { namespace: _dropped, ...metadata } = target.metadata;
  return { ...target, metadata };
}

function isCrd(et: EngineTask): boolean {
  return et.task.group === 'apiextensions.k8s.io' && et.task.kind === 'CustomResourceDefinition';
}
