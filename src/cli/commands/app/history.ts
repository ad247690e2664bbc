import { getApp } from './applications.ts';
import type { AppContext } from './context.ts';
import { goTimeString } from './format/go-format.ts';
import { tabwrite } from './format/tabwriter.ts';

const SHORT_SHA = 7;

/** `app history`: per source repo, `SOURCE <repo>` then `ID DATE REVISION` with `<targetRevision> (<sha7>)`. */
export async function runHistory(ctx: AppContext, name: string, options: { output: 'wide' | 'id' }): Promise<number> {
  const app = await getApp(ctx, name);
  const history = app.status?.history ?? [];
  if (options.output === 'id') {
    for (const entry of history) ctx.stdout.write(`${entry.id}\n`);
    return 0;
  }
  const byRepo = new Map<string, string[][]>();
  const add = (repo: string, row: string[]) => {
    if (!byRepo.has(repo)) byRepo.set(repo, []);
    byRepo.get(repo)!.push(row);
  };
  for (const entry of history) {
    const date = goTimeString(entry.deployedAt);
    if (entry.sources) {
      entry.sources.forEach((source, i) => {
        let revision = source.targetRevision ?? '';
        const sha = entry.revisions?.[i];
        if (entry.revisions?.length === entry.sources!.length && sha && sha.length >= SHORT_SHA) {
          revision = `${revision} (${sha.slice(0, SHORT_SHA)})`;
        }
        add(source.repoURL, [String(entry.id), date, revision]);
      });
    } else {
      let revision = entry.source?.targetRevision ?? '';
      if (entry.revision && entry.revision.length >= SHORT_SHA) {
        revision = `${revision} (${entry.revision.slice(0, SHORT_SHA)})`;
      }
      add(entry.source?.repoURL ?? '', [String(entry.id), date, revision]);
    }
  }
  const lines: string[][] = [];
  [...byRepo].forEach(([repo, rows], i) => {
    lines.push(['SOURCE', repo], ['ID', 'DATE', 'REVISION'], ...rows);
    if (i < byRepo.size - 1) lines.push(['']);
  });
  ctx.stdout.write(lines.length > 0 ? tabwrite(lines) : '');
  return 0;
}
