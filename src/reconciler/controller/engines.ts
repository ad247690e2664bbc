import { parseApiVersion } from '../../kube/object.ts';
import { compareApp, DryRunCache } from '../diff/index.ts';
import { LiveStateCache } from '../live/index.ts';
import { SyncContext } from '../sync/engine/index.ts';
import { parseSyncOptions } from '../sync/plan/index.ts';
import type { ControllerEngines, SyncStartInput } from './ports.ts';

/**
 * The real live-state cache (src/reconciler/live), differ (src/reconciler/diff) and sync engine
 * (src/reconciler/sync/engine) behind the controller's ports.
 */
export function defaultEngines(): ControllerEngines {
  // One cache per controller: a refresh of an app whose targets and live objects are unchanged (every poll, every
  // webhook that does not touch it) then costs no server-side dry run, as Argo CD caches server-side diff results.
  const dryRunCache = new DryRunCache();
  return {
    createLiveState: (options) => new LiveStateCache(options),
    compare: (input) => compareApp({ ...input, dryRunCache }),
    startSync: (input) => startSyncContext(input),
  };
}

/**
 * A gitops-engine style SyncContext for an operation. Sync options are parsed here, so an unknown option fails the
 * operation with the parser's message. `operation.sync.resources` carry a group, not an apiVersion; the engine
 * matches selective syncs on the group only, so any version of that group does.
 */
function startSyncContext(input: SyncStartInput): SyncContext {
  const { options } = input;
  return new SyncContext({
    client: input.client,
    clock: input.clock,
    getLive: input.getLive,
    appInstance: input.appInstance,
    destinationNamespace: input.destinationNamespace,
    revision: input.revision,
    targets: input.targets,
    live: input.live,
    startedAt: input.startedAt,
    ...(input.fieldManager ? { fieldManager: input.fieldManager } : {}),
    options: {
      prune: options.prune,
      dryRun: options.dryRun,
      syncOptions: parseSyncOptions(options.syncOptions),
      ...(options.force ? { force: true } : {}),
      ...(options.managedNamespaceMetadata ? { managedNamespaceMetadata: options.managedNamespaceMetadata } : {}),
      ...(options.resourceStatuses ? { resourceStatuses: options.resourceStatuses } : {}),
      ...(options.resources
        ? {
            resources: options.resources.map((r) => ({
              apiVersion: r.group ? `${r.group}/${versionOf(r.group, input)}` : 'v1',
              kind: r.kind,
              name: r.name,
              ...(r.namespace ? { namespace: r.namespace } : {}),
            })),
          }
        : {}),
    },
  });
}

/** The version the targets use for a group (only for a well-formed apiVersion; matching ignores it). */
function versionOf(group: string, input: SyncStartInput): string {
  const target = input.targets.find((t) => parseApiVersion(t.apiVersion).group === group);
  return target ? parseApiVersion(target.apiVersion).version : 'v1';
}
