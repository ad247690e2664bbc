import { Command, Option } from 'commander';
import { outputOption, runVerb, seconds, timeoutOption, withConnection } from './command.ts';
import type { ConnectionOptions, ContextDeps } from './context.ts';
import { runCreate } from './create.ts';
import { runDelete } from './delete.ts';
import { runDiff } from './diff.ts';
import { EXIT_DIFF_ERROR } from './errors.ts';
import { runGet } from './get.ts';
import { runHistory } from './history.ts';
import { runList } from './list.ts';
import { runRefresh } from './refresh.ts';
import { runRollback } from './rollback.ts';
import { runSync } from './sync.ts';
import { runWait } from './wait.ts';

export type { AppContext, ContextDeps, Output } from './context.ts';
export { AppCliError } from './errors.ts';

type Opts = ConnectionOptions & Record<string, unknown>;
const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * `gitops-sandbox app …`: the argocd `app` verbs against the Applications in the sandbox's cluster, printing what
 * argocd prints and exiting as it exits. `deps` lets tests capture output and pace polling.
 */
export function appCommand(deps: ContextDeps = {}): Command {
  const app = new Command('app').description('Manage Applications as `argocd app` does (list, get, sync, diff, …).');
  const verb = (name: string, description: string) => {
    const command = withConnection(new Command(name).description(description));
    app.addCommand(command);
    return command;
  };
  const run = (options: Opts, fn: Parameters<typeof runVerb>[2], errorExitCode?: number) =>
    runVerb(deps, options, fn, errorExitCode);

  verb('list', 'list applications')
    .addOption(outputOption(['wide', 'name', 'json', 'yaml'], 'wide'))
    .option('-p, --project <name>', 'only apps of this project (repeatable)', collect)
    .option('-r, --repo <url>', 'only apps of this source repo URL')
    .action((o: Opts & { output: 'wide'; project?: string[]; repo?: string }) => run(o, (ctx) => runList(ctx, o)));

  verb('get', 'show an application: summary, conditions and resources')
    .argument('<name>')
    .addOption(outputOption(['wide', 'json', 'yaml'], 'wide'))
    .option('--refresh', 'refresh the application first and wait for it')
    .option('--hard-refresh', 'refresh, bypassing the manifest cache')
    .option('--show-operation', 'show the last operation')
    .action(
      (name: string, o: Opts & { output: 'wide'; refresh?: boolean; hardRefresh?: boolean; showOperation?: boolean }) =>
        run(o, (ctx) => runGet(ctx, name, o)),
    );

  verb('diff', 'show what a sync would change; exit 0 no diff, 1 diff, 2 error')
    .argument('<name>')
    .option('--revision <rev>', 'compare with this revision instead of the target revision')
    .action((name: string, o: Opts & { revision?: string }) =>
      run(o, (ctx) => runDiff(ctx, name, o.revision ? { revision: o.revision } : {}), EXIT_DIFF_ERROR),
    );

  verb('sync', 'sync an application to its target state and follow the operation')
    .argument('<name>')
    .option('--revision <rev>', 'sync to this revision')
    .option('--prune', 'allow deleting resources no longer in git')
    .option('--dry-run', 'preview the apply without changing the cluster')
    .option('--async', 'do not wait for the operation')
    .option('--resource <GROUP:KIND:NAME>', 'sync only matching resources (repeatable; ! excludes)', collect)
    .option('--replace', 'use create/replace instead of apply')
    .option('--server-side', 'use server-side apply')
    .option('--apply-out-of-sync-only', 'apply only out-of-sync resources')
    .addOption(timeoutOption())
    .addOption(outputOption(['wide', 'json', 'yaml'], 'wide'))
    .action((name: string, o: Opts & { timeout: number; output: 'wide' }) =>
      run(o, (ctx) => runSync(ctx, name, { ...o, timeoutSeconds: o.timeout })),
    );

  verb('history', 'show the deployment history')
    .argument('<name>')
    .addOption(outputOption(['wide', 'id'], 'wide'))
    .action((name: string, o: Opts & { output: 'wide' | 'id' }) => run(o, (ctx) => runHistory(ctx, name, o)));

  verb('rollback', 'sync to a history entry (default: the previous one)')
    .argument('<name>')
    .argument('[id]')
    .option('--prune', 'allow deleting resources no longer in that revision')
    .addOption(timeoutOption())
    .addOption(outputOption(['wide', 'json', 'yaml'], 'wide'))
    .action((name: string, id: string | undefined, o: Opts & { prune?: boolean; timeout: number; output: 'wide' }) =>
      run(o, (ctx) =>
        runRollback(ctx, name, {
          ...(id !== undefined ? { id } : {}),
          ...(o.prune ? { prune: true } : {}),
          timeoutSeconds: o.timeout,
          output: o.output,
        }),
      ),
    );

  verb('wait', 'wait until applications are synced, healthy and idle')
    .argument('<names...>')
    .option('--sync', 'wait for sync')
    .option('--health', 'wait for health')
    .option('--operation', 'wait for pending operations')
    .option('--suspended', 'wait for suspended')
    .option('--degraded', 'wait for degraded')
    .addOption(timeoutOption())
    .addOption(outputOption(['wide', 'json', 'yaml'], 'wide'))
    .action((names: string[], o: Opts & { timeout: number; output: 'wide' }) =>
      run(o, (ctx) => runWait(ctx, names, { ...o, timeoutSeconds: o.timeout })),
    );

  verb('refresh', 'ask the reconciler to refresh and wait until it has')
    .argument('<name>')
    .option('--hard', 'also bypass the manifest cache')
    .addOption(new Option('--timeout <seconds>', 'give up after this many seconds').argParser(seconds).default(60))
    .action((name: string, o: Opts & { hard?: boolean; timeout: number }) =>
      run(o, (ctx) => runRefresh(ctx, name, { ...(o.hard ? { hard: true } : {}), timeoutSeconds: o.timeout })),
    );

  verb('create', 'create an application')
    .argument('<name>')
    .requiredOption('--repo <url>', 'the git repository URL')
    .option('--path <path>', 'the directory in the repository')
    .option('--revision <rev>', 'the target revision (branch, tag, commit; default HEAD)')
    .option('--dest-server <url>', 'the destination cluster', 'https://kubernetes.default.svc')
    .option('--dest-name <name>', 'the destination cluster by name')
    .option('--dest-namespace <ns>', 'the destination namespace')
    .option('--project <name>', 'the project', 'default')
    .option('--sync-policy <policy>', 'automated or none')
    .option('--auto-prune', 'automated sync prunes')
    .option('--self-heal', 'automated sync undoes drift')
    .option('--allow-empty', 'automated sync may prune everything')
    .option('--sync-option <option>', 'a sync option, e.g. CreateNamespace=true (repeatable)', collect)
    .option('--upsert', 'replace an existing application with a different spec')
    .action((name: string, o: Opts & { repo: string; project: string }) => run(o, (ctx) => runCreate(ctx, name, o)));

  verb('delete', 'delete an application (and, with cascade, its resources)')
    .argument('<name>')
    .option('--cascade', 'delete the resources too (the default)', true)
    .option('--no-cascade', 'delete only the Application')
    .option('--wait', 'wait until the Application is gone')
    .addOption(timeoutOption())
    .action((name: string, o: Opts & { cascade: boolean; wait?: boolean; timeout: number }) =>
      run(o, (ctx) =>
        runDelete(ctx, name, { cascade: o.cascade, ...(o.wait ? { wait: true } : {}), timeoutSeconds: o.timeout }),
      ),
    );
  return app;
}
