import type { Clock, Random } from '../../clock/index.ts';
import { type StartedApiServer, startApiServer } from '../../kube/apiserver/server.ts';
import { startCronJobController } from '../../kube/controllers/cronjob/index.ts';
import { startDaemonSetController } from '../../kube/controllers/daemonset/index.ts';
import { startDeploymentController } from '../../kube/controllers/deployment/deployment-controller.ts';
import { startDisruptionController } from '../../kube/controllers/disruption/index.ts';
import { startEndpointsController } from '../../kube/controllers/endpoints/index.ts';
import { startEndpointSliceController } from '../../kube/controllers/endpointslice/index.ts';
import { startGarbageCollector } from '../../kube/controllers/garbage-collector/garbage-collector.ts';
import { startJobController, startTtlAfterFinishedController } from '../../kube/controllers/job/index.ts';
import { startNamespaceController } from '../../kube/controllers/namespace/namespace-controller.ts';
import {
  startNodeLifecycleController,
  startTaintEvictionController,
} from '../../kube/controllers/node-lifecycle/index.ts';
import { startPodGcController } from '../../kube/controllers/podgc/index.ts';
import { startReplicaSetController } from '../../kube/controllers/replicaset/replicaset-controller.ts';
import type { ControllerContext } from '../../kube/controllers/runtime/controller-context.ts';
import { EventRecorder } from '../../kube/controllers/runtime/event-recorder.ts';
import { startStatefulSetController } from '../../kube/controllers/statefulset/index.ts';
import { startVolumeProvisioner } from '../../kube/controllers/volume-provisioner/volume-provisioner.ts';
import { type StartedKubelets, startKubelets } from '../../kube/kubelet/index.ts';
import { startScheduler } from '../../kube/scheduler/index.ts';
import type { ImagePullResolver } from '../../registry/index.ts';

export interface EmbeddedClusterOptions {
  clock: Clock;
  random: Random;
  /** Nodes including the control plane (default 3: control-plane, worker-1, worker-2). */
  nodes?: number;
  port?: number;
  imagePullResolver?: ImagePullResolver;
}

export interface StartedEmbeddedCluster {
  readonly apiServer: StartedApiServer;
  readonly kubelets: StartedKubelets;
  close(): Promise<void>;
}

/**
 * The embedded Kubernetes cluster: the API server, kube-controller-manager's controllers, the scheduler and one
 * simulated kubelet per node, all on one clock. Torn down in reverse order, also when start-up fails half-way.
 */
export async function startEmbeddedCluster(options: EmbeddedClusterOptions): Promise<StartedEmbeddedCluster> {
  const { clock, random } = options;
  const teardown: (() => Promise<void> | void)[] = [];
  const close = async () => {
    while (teardown.length > 0) await teardown.pop()!();
  };
  try {
    const apiServer = await startApiServer({
      clock,
      random,
      ...(options.port !== undefined ? { port: options.port } : {}),
    });
    teardown.push(() => apiServer.close());
    const controllers = new AbortController();
    teardown.push(() => controllers.abort());
    const api = apiServer.api;
    const ctx: ControllerContext = {
      api,
      clock,
      random,
      events: new EventRecorder({ api, clock, random }),
      signal: controllers.signal,
    };
    startGarbageCollector({ api, clock, signal: controllers.signal });
    startNamespaceController({ api, types: apiServer.context.types, clock, signal: controllers.signal });
    startReplicaSetController(ctx);
    startDeploymentController(ctx);
    startStatefulSetController(ctx);
    startDaemonSetController(ctx);
    startJobController(ctx);
    startCronJobController(ctx);
    startTtlAfterFinishedController(ctx);
    startEndpointSliceController(ctx);
    startEndpointsController(ctx);
    startNodeLifecycleController(ctx);
    startTaintEvictionController(ctx);
    startDisruptionController(ctx);
    startPodGcController(ctx);
    startVolumeProvisioner(ctx);
    startScheduler(ctx);
    const kubelets = await startKubelets({
      ctx,
      nodes: options.nodes ?? 3,
      ...(options.imagePullResolver ? { imagePullResolver: options.imagePullResolver } : {}),
    });
    teardown.push(() => kubelets.close());
    return { apiServer, kubelets, close };
  } catch (error) {
    await close();
    throw error;
  }
}
