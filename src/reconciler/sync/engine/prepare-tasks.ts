import { messageOf } from '../../../errors.ts';
import { type KubeObject, parseApiVersion } from '../../../kube/object.ts';
import type { ObjectRef } from '../../cluster/index.ts';
import {
  ANNOTATION,
  hasAnnotationOption,
  isHook,
  planSyncTasks,
  type SyncTask,
  sortTasks,
  taskObject,
} from '../plan/index.ts';
import type { EngineContext, EngineTask } from './engine-task.ts';
import { namespaceTask } from './namespace-task.ts';

export interface PrepareInput {
  destinationNamespace: string;
  revision: string;
  startedAt: number;
  targets: readonly KubeObject[];
  live: readonly KubeObject[];
}

/**
 * All tasks of the operation (gitops-engine `getSyncTasks`): targets paired with live objects, live objects without
 * a target as prunes, hooks unless the sync is selective, the CreateNamespace task, then a check that the cluster
 * serves every kind. A kind not served yet is left out of the dry run when a CRD of this sync defines it or
 * SkipDryRunOnMissingResource=true says so; otherwise the task fails and `valid` is false.
 */
export async function prepareTasks(
  ctx: EngineContext,
  input: PrepareInput,
): Promise<{ tasks: EngineTask[]; valid: boolean }> {
  const filter = ctx.options.resources;
  const resources = pairResources(input).filter(
    ({ target, live }) => !filter || selected(filter, (target ?? live)!, input.destinationNamespace),
  );
  let planned: SyncTask[] = planSyncTasks({
    resources,
    hooks: input.targets.filter(isHook),
    revision: input.revision,
    startedAt: input.startedAt,
    namespace: input.destinationNamespace,
    skipHooks: filter !== undefined,
    pruneLast: ctx.options.syncOptions.pruneLast,
  });
  let valid = true;
  const ns = await namespaceTask(ctx, input.destinationNamespace, input.targets);
  if (ns && 'task' in ns) planned = sortTasks([...planned, ns.task]);
  const tasks: EngineTask[] = [];
  if (ns && 'failed' in ns) {
    const et = engineTask(ns.failed);
    ctx.results.set(ns.failed, { status: 'SyncFailed', hookPhase: 'Error', message: ns.message });
    tasks.push(et);
    valid = false;
  }
  for (const task of planned) {
    const et = engineTask(task);
    tasks.push(et);
    const problem = await resolveScope(ctx, et);
    if (problem === undefined) continue;
    if (task.target && (skipsDryRunWhenMissing(ctx, task.target) || definesKind(input.targets, task))) {
      et.skipDryRun = true;
    } else {
      ctx.results.set(task, { status: 'SyncFailed', hookPhase: 'Failed', message: problem });
      valid = false;
    }
  }
  await skipDryRunInNewNamespaces(ctx, tasks);
  return { tasks, valid };
}

/**
 * A server-side dry run of an object in a namespace that this sync creates fails with "namespace not found", where
 * Argo CD's client-side dry run passes (argo-cd#13874): such objects are left out of the dry run.
 */
async function skipDryRunInNewNamespaces(ctx: EngineContext, tasks: EngineTask[]): Promise<void> {
  const created = new Set<string>();
  for (const { task } of tasks) {
    if (task.isPrune || task.kind !== 'Namespace' || task.group !== '') continue;
    const live = await ctx.client.get({ apiVersion: 'v1', kind: 'Namespace', name: task.name }, ctx.signal);
    if (!live) created.add(task.name);
  }
  for (const et of tasks) {
    if (et.namespaced !== false && et.task.target && created.has(et.task.namespace)) et.skipDryRun = true;
  }
}

/**
 * Asks discovery whether the task's kind is namespaced and sets its ref accordingly; returns the server's words when
 * the kind is not served (yet).
 */
export async function resolveScope(ctx: EngineContext, et: EngineTask): Promise<string | undefined> {
  const obj = taskObject(et.task);
  try {
    const resource = await ctx.client.discovery.resourceFor(obj.apiVersion, obj.kind);
    et.namespaced = resource.namespaced;
    et.ref = refOf(obj, resource.namespaced);
    return undefined;
  } catch (error) {
    ctx.signal.throwIfAborted();
    return messageOf(error);
  }
}

function engineTask(task: SyncTask): EngineTask {
  return { task, ref: refOf(taskObject(task), true), skipDryRun: false };
}

function refOf(obj: KubeObject, namespaced: boolean): ObjectRef {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata.name ?? '',
    ...(namespaced && obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
  };
}

/** Targets (hooks aside) paired with live objects by group, kind, namespace and name; unpaired live objects to prune. */
function pairResources(input: PrepareInput): { target?: KubeObject; live?: KubeObject }[] {
  const remaining = [...input.live];
  const pairs: { target?: KubeObject; live?: KubeObject }[] = [];
  for (const target of input.targets) {
    if (isHook(target)) continue;
    const index = remaining.findIndex((live) => sameObject(target, live, input.destinationNamespace));
    const live = index >= 0 ? remaining.splice(index, 1)[0] : undefined;
    pairs.push({ target, ...(live ? { live } : {}) });
  }
  for (const live of remaining) pairs.push({ live });
  return pairs;
}

/** Cluster-scoped live objects have no namespace even when the manifest gives one (gitops-engine `liveObj`). */
function sameObject(target: KubeObject, live: KubeObject, destination: string): boolean {
  return (
    parseApiVersion(target.apiVersion).group === parseApiVersion(live.apiVersion).group &&
    target.kind === live.kind &&
    target.metadata.name === live.metadata.name &&
    (!live.metadata.namespace || live.metadata.namespace === (target.metadata.namespace || destination))
  );
}

/** Selective sync (`operation.sync.resources`): group, kind and name must match, and the namespace when given. */
function selected(filter: readonly ObjectRef[], obj: KubeObject, destination: string): boolean {
  const group = parseApiVersion(obj.apiVersion).group;
  const namespace = obj.metadata.namespace || destination;
  return filter.some(
    (r) =>
      parseApiVersion(r.apiVersion).group === group &&
      r.kind === obj.kind &&
      r.name === obj.metadata.name &&
      (r.namespace === undefined || r.namespace === '' || r.namespace === namespace),
  );
}

function skipsDryRunWhenMissing(ctx: EngineContext, target: KubeObject): boolean {
  return (
    ctx.options.syncOptions.skipDryRunOnMissingResource ||
    hasAnnotationOption(target, ANNOTATION.syncOptions, 'SkipDryRunOnMissingResource=true')
  );
}

/** A CRD among the targets defines this task's group and kind (gitops-engine `hasCRDOfGroupKind`). */
function definesKind(targets: readonly KubeObject[], task: SyncTask): boolean {
  return targets.some((t) => {
    if (t.kind !== 'CustomResourceDefinition' || parseApiVersion(t.apiVersion).group !== 'apiextensions.k8s.io')
      return false;
    const spec = t['spec'] as { group?: unknown; names?: { kind?: unknown } } | undefined;
    return spec?.group === task.group && spec?.names?.kind === task.kind;
  });
}
