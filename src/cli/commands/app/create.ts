import { isDeepStrictEqual } from 'node:util';
import type { Application, ApplicationSpec } from '../../../reconciler/application/index.ts';
import { ClusterError } from '../../../reconciler/cluster/index.ts';
import { APPLICATION_API_VERSION, explain, getApp } from './applications.ts';
import type { AppContext } from './context.ts';
import { AppCliError } from './errors.ts';

export interface CreateOptions {
  repo: string;
  path?: string;
  revision?: string;
  destServer?: string;
  destName?: string;
  destNamespace?: string;
  project: string;
  syncPolicy?: string;
  autoPrune?: boolean;
  selfHeal?: boolean;
  allowEmpty?: boolean;
  syncOption?: string[];
  upsert?: boolean;
}

/** The spec `argocd app create` builds from its flags (only the ones the sandbox supports). */
export function specFromOptions(options: CreateOptions): ApplicationSpec {
  const spec: ApplicationSpec = {
    project: options.project,
    source: {
      repoURL: options.repo,
      ...(options.path !== undefined ? { path: options.path } : {}),
      ...(options.revision !== undefined ? { targetRevision: options.revision } : {}),
    },
    destination: {
      ...(options.destServer ? { server: options.destServer } : {}),
      ...(options.destName ? { name: options.destName } : {}),
      ...(options.destNamespace ? { namespace: options.destNamespace } : {}),
    },
  };
  const policy = options.syncPolicy?.toLowerCase();
  if (policy !== undefined && !['automated', 'automatic', 'auto', 'none', 'manual'].includes(policy)) {
    throw new AppCliError(
      'BadInput',
      `invalid sync policy ${JSON.stringify(options.syncPolicy)}: use --sync-policy automated (or none)`,
    );
  }
  const automated = policy === 'automated' || policy === 'automatic' || policy === 'auto';
  if (!automated && (options.autoPrune || options.selfHeal || options.allowEmpty)) {
    throw new AppCliError(
      'BadInput',
      '--auto-prune, --self-heal and --allow-empty need --sync-policy automated (they configure automated sync)',
    );
  }
  if (automated || (options.syncOption?.length ?? 0) > 0) {
    spec.syncPolicy = {
      ...(automated
        ? {
            automated: {
              ...(options.autoPrune ? { prune: true } : {}),
              ...(options.selfHeal ? { selfHeal: true } : {}),
              ...(options.allowEmpty ? { allowEmpty: true } : {}),
            },
          }
        : {}),
      ...((options.syncOption?.length ?? 0) > 0 ? { syncOptions: options.syncOption! } : {}),
    };
  }
  return spec;
}

/**
 * `app create NAME`: creates the Application. As Argo CD's API server does, an existing app with the same spec is
 * fine, a different one is refused unless --upsert.
 */
export async function runCreate(ctx: AppContext, name: string, options: CreateOptions): Promise<number> {
  if (!options.destServer && !options.destName) {
    throw new AppCliError('BadInput', `application ${name}: give --dest-server (or --dest-name) for the destination`);
  }
  const spec = specFromOptions(options);
  const app: Application = {
    apiVersion: APPLICATION_API_VERSION,
    kind: 'Application',
    metadata: { name, namespace: ctx.namespace },
    spec,
  };
  try {
    await explain(ctx, () => ctx.client.create(app));
  } catch (error) {
    if (!(error instanceof ClusterError && error.conflict)) throw error;
    const existing = await getApp(ctx, name);
    if (!isDeepStrictEqual(existing.spec, spec)) {
      if (!options.upsert) {
        throw new AppCliError(
          'AppExists',
          `existing application spec is different, use upsert flag to force update (application ${name} in ` +
            `namespace ${ctx.namespace})`,
        );
      }
      await ctx.client.replace({ ...existing, spec });
    }
  }
  ctx.stdout.write(`application '${name}' created\n`);
  return 0;
}
