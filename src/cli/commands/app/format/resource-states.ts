import type { Application } from '../../../../reconciler/application/index.ts';
import { goTimestamp, padLeft } from './go-format.ts';
import { tabwrite } from './tabwriter.ts';

/** One row of the resource tables of `app get`, `app sync` and `app wait` (argocd's resourceState). */
export interface ResourceState {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  status: string;
  health: string;
  hook: string;
  message: string;
}

export function stateKey(state: Pick<ResourceState, 'group' | 'kind' | 'namespace' | 'name'>): string {
  return `${state.group}/${state.kind}/${state.namespace}/${state.name}`;
}

/**
 * getResourceStates: the last operation's results first, in their order (a non-hook result shows the resource's
 * current sync status and health; a hook shows its hook phase and result), then the other resources of
 * status.resources sorted by group/kind/namespace/name.
 */
export function resourceStates(app: Application): ResourceState[] {
  const byKey = new Map<string, NonNullable<NonNullable<Application['status']>['resources']>[number]>();
  for (const resource of app.status?.resources ?? []) {
    byKey.set(
      stateKey({
        group: resource.group ?? '',
        kind: resource.kind,
        namespace: resource.namespace ?? '',
        name: resource.name,
      }),
      resource,
    );
  }
  const states: ResourceState[] = [];
  for (const result of app.status?.operationState?.syncResult?.resources ?? []) {
    const key = stateKey(result);
    let status: string = result.hookPhase ?? '';
    let health: string = result.status ?? '';
    const resource = byKey.get(key);
    if (resource && !result.hookType) {
      health = resource.health?.status ?? '';
      status = resource.status ?? '';
    }
    states.push({
      group: result.group,
      kind: result.kind,
      namespace: result.namespace,
      name: result.name,
      status,
      health,
      hook: result.hookType ?? '',
      message: result.message ?? '',
    });
    byKey.delete(key);
  }
  for (const key of [...byKey.keys()].sort()) {
    const resource = byKey.get(key)!;
    states.push({
      group: resource.group ?? '',
      kind: resource.kind,
      namespace: resource.namespace ?? '',
      name: resource.name,
      status: resource.status ?? '',
      health: resource.health?.status ?? '',
      hook: '',
      message: '',
    });
  }
  return states;
}

/** GROUP  KIND  NAMESPACE  NAME  STATUS  HEALTH  HOOK  MESSAGE */
export function resourcesTable(app: Application): string {
  const lines = [['GROUP', 'KIND', 'NAMESPACE', 'NAME', 'STATUS', 'HEALTH', 'HOOK', 'MESSAGE']];
  for (const s of resourceStates(app)) {
    lines.push([s.group, s.kind, s.namespace, s.name, s.status, s.health, s.hook, s.message]);
  }
  return tabwrite(lines);
}

/** argocd's waitFormatString `%s\t%5s\t%10s\t%10s\t%20s\t%8s\t%7s\t%10s\t%s\n`, through a minwidth-5 tabwriter. */
export function streamRow(cells: readonly string[]): string[] {
  const widths = [0, 5, 10, 10, 20, 8, 7, 10, 0];
  return cells.map((cell, i) => padLeft(cell, widths[i] ?? 0));
}

export const STREAM_HEADER = ['TIMESTAMP', 'GROUP', 'KIND', 'NAMESPACE', 'NAME', 'STATUS', 'HEALTH', 'HOOK', 'MESSAGE'];

export function streamItems(state: ResourceState, nowMs: number): string[] {
  return [
    goTimestamp(nowMs),
    state.group,
    state.kind,
    state.namespace,
    state.name,
    state.status,
    state.health,
    state.hook,
    state.message,
  ];
}

/** One flush of the streaming table: Go aligns only the lines of the same Flush. */
export function streamFlush(lines: readonly string[][]): string {
  return tabwrite(
    lines.map((line) => streamRow(line)),
    { minWidth: 5, padding: 2 },
  );
}
