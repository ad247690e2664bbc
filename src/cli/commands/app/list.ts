import { listApps } from './applications.ts';
import type { AppContext } from './context.ts';
import {
  conditionsSummary,
  destinationServer,
  listSyncPolicy,
  primarySource,
  qualifiedName,
} from './format/app-summary.ts';
import { tabwrite } from './format/tabwriter.ts';
import { printable } from './output.ts';

export interface ListOptions {
  output: 'wide' | 'name' | 'json' | 'yaml';
  project?: string[];
  repo?: string;
}

/** `app list`: argocd's table (wide, its default, adds REPO PATH TARGET), names, or the objects. */
export async function runList(ctx: AppContext, options: ListOptions): Promise<number> {
  let apps = await listApps(ctx);
  if (options.project && options.project.length > 0)
    apps = apps.filter((a) => options.project!.includes(a.spec.project));
  if (options.repo) apps = apps.filter((a) => primarySource(a).repoURL === options.repo);
  if (options.output === 'json' || options.output === 'yaml') {
    ctx.stdout.write(printable(apps, options.output));
    return 0;
  }
  if (options.output === 'name') {
    for (const app of apps) ctx.stdout.write(`${qualifiedName(app)}\n`);
    return 0;
  }
  const lines = [
    [
      'NAME',
      'CLUSTER',
      'NAMESPACE',
      'PROJECT',
      'STATUS',
      'HEALTH',
      'SYNCPOLICY',
      'CONDITIONS',
      'REPO',
      'PATH',
      'TARGET',
    ],
  ];
  for (const app of apps) {
    const source = primarySource(app);
    lines.push([
      qualifiedName(app),
      destinationServer(app),
      app.spec.destination.namespace ?? '',
      app.spec.project ?? '',
      app.status?.sync?.status ?? '',
      app.status?.health?.status ?? '',
      listSyncPolicy(app),
      conditionsSummary(app),
      source.repoURL ?? '',
      source.path ?? '',
      source.targetRevision ?? '',
    ]);
  }
  ctx.stdout.write(tabwrite(lines));
  return 0;
}
