import { KubeConfig } from '@kubernetes/client-node';
import type { Clock } from '../../clock/index.ts';
import type { KubeObject } from '../../kube/object.ts';
import { ClusterClient } from '../../reconciler/cluster/index.ts';
import { KindWatch } from '../../reconciler/live/kind-watch.ts';
import type { TimelineSink } from '../event.ts';
import type { ClusterView } from './cluster-view.ts';
import { applicationTransitions } from './transitions/application.ts';
import { deploymentTransitions } from './transitions/deployment.ts';
import type { Transitions } from './transitions/draft.ts';
import { endpointTransitions, serviceOf } from './transitions/endpoints.ts';
import { imageUpdateTransitions } from './transitions/image-updates.ts';
import { nodeTransitions } from './transitions/node.ts';
import { podTransitions } from './transitions/pod.ts';

export interface ClusterWatchOptions {
  kubeconfigPath: string;
  clock: Clock;
  sink: TimelineSink;
  signal: AbortSignal;
  /** Namespaces of the workloads to record (Deployments, Pods, EndpointSlices); default all. */
  namespaces?: readonly string[];
  /** Where Applications live (default argocd). */
  applicationNamespace?: string;
  onError?: (error: unknown) => void;
}

interface KindSpec {
  apiVersion: string;
  kind: string;
  path: string;
  transitions: Transitions;
  inScope: (object: KubeObject) => boolean;
  /** Report the objects already there at start (state), or only later changes (Events are history, not state). */
  initial: boolean;
  /** A kind that may not be served yet (the Application CRD): retried in the background until it is. */
  optional?: boolean;
}

/** How long to wait before looking again for a kind the cluster does not serve yet. */
const RETRY_MS = 2000;

/**
 * Watches the cluster through its API (list + watch over the kubeconfig) and records the transitions of
 * Applications, Deployments, Pods, Nodes, EndpointSlices and the image updater's Events. Objects present at start
 * are reported once with `initial: true`, so state folds start from the truth. Resolves after the initial lists.
 */
export async function startClusterWatches(options: ClusterWatchOptions): Promise<ClusterView> {
  const { clock, sink, signal } = options;
  const kubeconfig = new KubeConfig();
  kubeconfig.loadFromFile(options.kubeconfigPath);
  const client = new ClusterClient(kubeconfig);
  const appNamespace = options.applicationNamespace ?? 'argocd';
  const namespaces = options.namespaces ? new Set(options.namespaces) : undefined;
  const workload = (o: KubeObject) => !namespaces || namespaces.has(o.metadata.namespace ?? '');
  const specs: KindSpec[] = [
    {
      apiVersion: 'v1',
      kind: 'Node',
      path: '/api/v1/nodes',
      transitions: nodeTransitions,
      inScope: () => true,
      initial: true,
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      path: '/api/v1/pods',
      transitions: podTransitions(),
      inScope: workload,
      initial: true,
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      path: '/apis/apps/v1/deployments',
      transitions: deploymentTransitions,
      inScope: workload,
      initial: true,
    },
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      path: '/apis/discovery.k8s.io/v1/endpointslices',
      transitions: endpointTransitions(),
      inScope: workload,
      initial: true,
    },
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      path: '/apis/argoproj.io/v1alpha1/applications',
      transitions: applicationTransitions,
      inScope: (o) => o.metadata.namespace === appNamespace,
      initial: true,
      optional: true,
    },
    {
      apiVersion: 'v1',
      kind: 'Event',
      path: '/api/v1/events',
      transitions: imageUpdateTransitions,
      inScope: (o) => o.metadata.namespace === appNamespace,
      initial: false,
    },
  ];
  const watches = new Map<string, KindWatch>();
  const record = (
    spec: KindSpec,
    object: KubeObject | undefined,
    previous: KubeObject | undefined,
    initial: boolean,
  ) => {
    const current = object ?? previous;
    if (!current || !spec.inScope(current)) return;
    for (const draft of spec.transitions(object, previous)) {
      sink.record({
        at: clock.now(),
        ...draft,
        ...(initial ? { data: { ...draft.data, initial: true } } : {}),
      });
    }
  };
  const start = async (spec: KindSpec) => {
    const watch = new KindWatch({
      client,
      kubeconfig,
      clock,
      signal,
      apiVersion: spec.apiVersion,
      kind: spec.kind,
      path: spec.path,
      onChange: (object, previous) => record(spec, object, previous, false),
      ...(options.onError ? { onError: options.onError } : {}),
    });
    await watch.start();
    // Reported before any watch event can arrive: the watch stream is only being opened.
    if (spec.initial) for (const object of watch.objects.values()) record(spec, object, undefined, true);
    watches.set(spec.kind, watch);
  };
  const startLater = async (spec: KindSpec) => {
    while (!signal.aborted) {
      try {
        await clock.sleep(RETRY_MS, signal);
        await start(spec);
        return;
      } catch (error) {
        if (!signal.aborted) options.onError?.(error);
      }
    }
  };
  await Promise.all(
    specs.map(async (spec) => {
      try {
        await start(spec);
      } catch (error) {
        if (!spec.optional || signal.aborted) throw error;
        options.onError?.(error);
        void startLater(spec);
      }
    }),
  );
  return {
    endpointSlices(service) {
      const slices = [...(watches.get('EndpointSlice')?.objects.values() ?? [])];
      return slices.filter((s) => serviceOf(s) === service);
    },
    pod(namespace, name) {
      return watches.get('Pod')?.objects.get(`/Pod/${namespace}/${name}`);
    },
  };
}
