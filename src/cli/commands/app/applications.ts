import type { Application } from '../../../reconciler/application/index.ts';
import { ClusterError, type ObjectRef } from '../../../reconciler/cluster/index.ts';
import type { AppContext } from './context.ts';
import { AppCliError } from './errors.ts';

export const APPLICATION_API_VERSION = 'argoproj.io/v1alpha1';
export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

export function applicationRef(ctx: AppContext, name: string): ObjectRef {
  return { apiVersion: APPLICATION_API_VERSION, kind: 'Application', namespace: ctx.namespace, name };
}

/** The Application, or an error naming it and the namespace looked in. */
export async function getApp(ctx: AppContext, name: string, signal?: AbortSignal): Promise<Application> {
  const app = await explain(ctx, () => ctx.client.get<Application>(applicationRef(ctx, name), signal));
  if (!app) throw notFound(ctx, name);
  return app;
}

/** Like getApp, but undefined once it is gone (delete --wait). */
export function findApp(ctx: AppContext, name: string, signal?: AbortSignal): Promise<Application | undefined> {
  return explain(ctx, () => ctx.client.get<Application>(applicationRef(ctx, name), signal));
}

/** Applications of the namespace sorted by name, as the Argo CD API server lists them. */
export async function listApps(ctx: AppContext): Promise<Application[]> {
  const list = await explain(ctx, () =>
    ctx.client.list<Application>(APPLICATION_API_VERSION, 'Application', { namespace: ctx.namespace }),
  );
  return list.items.sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
}

/** A JSON merge patch of the Application (Argo CD's CRD has no status subresource: status is part of the object). */
export async function patchApp(ctx: AppContext, name: string, patch: unknown): Promise<Application> {
  try {
    return await explain(ctx, () => ctx.client.mergePatch<Application>(applicationRef(ctx, name), patch));
  } catch (error) {
    if (error instanceof ClusterError && error.notFound) throw notFound(ctx, name);
    throw error;
  }
}

export function notFound(ctx: AppContext, name: string): AppCliError {
  return new AppCliError(
    'AppNotFound',
    `application ${name} not found in namespace ${ctx.namespace}; list them with \`gitops-sandbox app list\`` +
      ' (or pass --app-namespace)',
  );
}

/** Turns the cluster client's low-level failures into what the user should do about them. */
export async function explain<T>(ctx: AppContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ClusterError && error.reason === 'Unreachable') {
      throw new AppCliError(
        'NoCluster',
        `no sandbox answers at ${ctx.client.server}; start one with \`gitops-sandbox up\` (or pass --kubeconfig)`,
        { cause: error },
      );
    }
    if (error instanceof ClusterError && error.notFound && /no kind "Application"/.test(error.message)) {
      throw new AppCliError(
        'NoApplicationKind',
        `the cluster at ${ctx.client.server} does not serve argoproj.io/v1alpha1 Applications: the reconciler is ` +
          'not installed there; start the sandbox with `gitops-sandbox up`, which installs it',
        { cause: error },
      );
    }
    throw error;
  }
}
