import {
  CustomObjectsApi,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  makeInformer,
} from '@kubernetes/client-node';
import type { Clock } from '../../clock/index.ts';
import type { Application } from '../application/index.ts';
import type { Logger } from './log.ts';

export interface AppInformerHandlers {
  /** An Application appeared or changed; `previous` is the last version seen (client-node hands only the new one). */
  upsert(app: Application, previous: Application | undefined): void;
  remove(app: Application): void;
}

export interface AppInformer {
  get(name: string): Application | undefined;
  list(): Application[];
  stop(): Promise<void>;
}

/**
 * Watches the Applications of one namespace through a @kubernetes/client-node informer (list + watch over the
 * kubeconfig, relisting after 410), keeping the previous version of each object so handlers see old and new. A
 * failed watch is restarted after 1 s on the clock.
 */
export async function startAppInformer(options: {
  kubeconfig: KubeConfig;
  namespace: string;
  clock: Clock;
  log: Logger;
  handlers: AppInformerHandlers;
  signal: AbortSignal;
}): Promise<AppInformer> {
  const { kubeconfig, namespace, clock, log, handlers, signal } = options;
  const api = kubeconfig.makeApiClient(CustomObjectsApi);
  const known = new Map<string, Application>();
  const informer = makeInformer<KubernetesObject>(
    kubeconfig,
    `/apis/argoproj.io/v1alpha1/namespaces/${namespace}/applications`,
    async () =>
      (await api.listNamespacedCustomObject({
        group: 'argoproj.io',
        version: 'v1alpha1',
        namespace,
        plural: 'applications',
      })) as KubernetesListObject<KubernetesObject>,
  );
  // client-node types metadata with Dates; the objects are the plain JSON the server sent.
  const asApp = (object: KubernetesObject) => object as unknown as Application;
  const upsert = (object: KubernetesObject) => {
    const app = asApp(object);
    const name = app.metadata.name!;
    const previous = known.get(name);
    known.set(name, app);
    handlers.upsert(app, previous);
  };
  informer.on('add', upsert);
  informer.on('update', upsert);
  informer.on('delete', (object) => {
    const app = asApp(object);
    known.delete(app.metadata.name!);
    handlers.remove(app);
  });
  informer.on('error', (error) => {
    if (signal.aborted) return;
    log.warn('application watch failed; restarting in 1 s', { error: String(error) });
    clock.setTimer(
      1_000,
      () => {
        if (!signal.aborted) informer.start().catch(() => {});
      },
      signal,
    );
  });
  await informer.start();
  return {
    get: (name) => known.get(name),
    list: () => [...known.values()],
    stop: () => informer.stop(),
  };
}
