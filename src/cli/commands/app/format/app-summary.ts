import type { Application, ApplicationSource, ApplicationStatus } from '../../../../reconciler/application/index.ts';
import { field, goDuration, goTimeString } from './go-format.ts';
import { tabwrite } from './tabwriter.ts';

type OperationState = NonNullable<ApplicationStatus['operationState']>;

/** argocd's QualifiedName(): `namespace/name` for every app that has a namespace. */
export function qualifiedName(app: Application): string {
  return app.metadata.namespace ? `${app.metadata.namespace}/${app.metadata.name}` : (app.metadata.name ?? '');
}

/** spec.sources when set, else spec.source (GetSources). */
export function sourcesOf(app: Application): ApplicationSource[] {
  if (app.spec.sources && app.spec.sources.length > 0) return app.spec.sources;
  return app.spec.source ? [app.spec.source] : [];
}

/** GetSource(): the first of spec.sources, else spec.source. */
export function primarySource(app: Application): Partial<ApplicationSource> {
  return sourcesOf(app)[0] ?? {};
}

export function destinationServer(app: Application): string {
  return app.spec.destination.server || app.spec.destination.name || '';
}

export function isAutomated(app: Application): boolean {
  const automated = app.spec.syncPolicy?.automated;
  // Argo CD: an `automated` block is on unless `enabled: false` (a null `enabled` counts as on).
  return automated !== undefined && automated !== null && automated.enabled !== false;
}

const COMMIT_SHA = /^[0-9a-f]{40}$/;
const TRUNCATED_SHA = /^[0-9a-f]{7,40}$/;

/** "Synced to main (abc1234)", "OutOfSync from HEAD (abc1234)", as printAppSummaryTable writes it. */
export function syncStatusText(app: Application): string {
  const status = app.status?.sync?.status ?? '';
  const target = primarySource(app).targetRevision ?? '';
  let text: string = status;
  if (status === 'Synced') text += ` to ${target}`;
  else if (status === 'OutOfSync') text += ` from ${target}`;
  const revision = app.status?.sync?.revision ?? '';
  if (!COMMIT_SHA.test(target) && !TRUNCATED_SHA.test(target) && revision.length > 7) {
    text += ` (${revision.slice(0, 7)})`;
  }
  return text;
}

export function healthText(app: Application): string {
  const health = app.status?.health;
  if (!health) return '';
  return health.message ? `${health.status} (${health.message})` : health.status;
}

/**
 * The `%-20s%s` block of `argocd app get`. The URL line is left out: the sandbox has no Argo CD web UI to link to.
 * Sync windows are not modelled (AppProjects have none here), so SyncWindow is always "Sync Allowed".
 */
export function summaryTable(app: Application): string {
  let text = field('Name:', qualifiedName(app));
  text += field('Project:', app.spec.project ?? '');
  text += field('Server:', destinationServer(app));
  text += field('Namespace:', app.spec.destination.namespace ?? '');
  text += app.spec.sources && app.spec.sources.length > 0 ? 'Sources:\n' : 'Source:\n';
  for (const source of sourcesOf(app)) text += sourceDetails(source);
  text += field('SyncWindow:', 'Sync Allowed');
  let policy = 'Manual';
  if (app.spec.syncPolicy?.automated) policy = app.spec.syncPolicy.automated.prune ? 'Automated (Prune)' : 'Automated';
  text += field('Sync Policy:', policy);
  text += field('Sync Status:', syncStatusText(app));
  text += field('Health Status:', healthText(app));
  return text;
}

function sourceDetails(source: ApplicationSource): string {
  let text = field('- Repo:', source.repoURL);
  text += field('  Target:', source.targetRevision ?? '');
  if (source.path) text += field('  Path:', source.path);
  if (source.ref) text += field('  Ref:', source.ref);
  if (source.helm?.valueFiles && source.helm.valueFiles.length > 0) {
    text += field('  Helm Values:', source.helm.valueFiles.join(','));
  }
  return text;
}

/** CONDITION  MESSAGE  LAST TRANSITION */
export function conditionsTable(app: Application): string {
  const lines = [['CONDITION', 'MESSAGE', 'LAST TRANSITION']];
  for (const condition of app.status?.conditions ?? []) {
    lines.push([condition.type, condition.message, goTimeString(condition.lastTransitionTime)]);
  }
  return tabwrite(lines);
}

/** printOperationResult: Operation, Sync Revision, Phase, Start, Finished, Duration, Message. */
export function operationResult(state: OperationState | undefined, nowMs: number): string {
  if (!state) return '';
  let text = '';
  if (state.syncResult) {
    text += field('Operation:', 'Sync');
    const revisions = state.syncResult.sources && state.syncResult.revisions;
    text += field('Sync Revision:', revisions ? revisions.join(', ') : (state.syncResult.revision ?? ''));
  }
  text += field('Phase:', state.phase);
  text += field('Start:', goTimeString(state.startedAt));
  text += field('Finished:', goTimeString(state.finishedAt));
  const started = Math.floor(Date.parse(state.startedAt) / 1000);
  const finished = state.finishedAt ? Math.floor(Date.parse(state.finishedAt) / 1000) : Math.floor(nowMs / 1000);
  text += field('Duration:', goDuration(Number.isNaN(started) ? 0 : finished - started));
  if (state.message) text += field('Message:', state.message);
  return text;
}

/** formatSyncPolicy of `argocd app list`: Manual, Auto, Auto-Prune. */
export function listSyncPolicy(app: Application): string {
  if (!app.spec.syncPolicy?.automated) return 'Manual';
  return app.spec.syncPolicy.automated.prune ? 'Auto-Prune' : 'Auto';
}

/** formatConditionsSummary: types with counts, `<none>` without conditions. */
export function conditionsSummary(app: Application): string {
  const counts = new Map<string, number>();
  for (const condition of app.status?.conditions ?? [])
    counts.set(condition.type, (counts.get(condition.type) ?? 0) + 1);
  if (counts.size === 0) return '<none>';
  return [...counts].map(([type, count]) => (count > 1 ? `${type}(${count})` : type)).join(',');
}
