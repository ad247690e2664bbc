import { jsonEqual } from '../../../json/json-equal.ts';
import { labelSelectorFromObject } from '../../labels/index.ts';
import type { KubeObject } from '../../object.ts';
import { clone, isPodReady, type Pod } from '../endpointslice/pod.ts';
import type { ControllerContext } from '../runtime/controller-context.ts';
import { controllerOf, newControllerRef } from '../runtime/controller-ref.ts';
import { byControllerUid, Informer, keyOf } from '../runtime/informer.ts';
import { logError, WorkQueue } from '../runtime/work-queue.ts';
import type { ControllerRevision, PodTemplateSpec } from '../statefulset/types.ts';
import { nodeShouldRunDaemonPod } from './eligibility.ts';
import { bumpCollisionCount, cleanupHistory, constructHistory, RevisionCollisionError } from './history.ts';
import { planManage } from './manage.ts';
import { isAvailable } from './pod-state.ts';
import { daemonPodTemplate, pinToNode, targetNodeName } from './pod-template.ts';
import { planRollingUpdate, rollingLimits } from './rolling-update.ts';
import { computeStatus } from './status.ts';
import { type DaemonSet, type Node, REVISION_HASH_LABEL } from './types.ts';

const MANAGER = 'daemon-set-controller';
const SOURCE = { component: 'daemonset-controller' };
/** failedPodsBackoff: 1 s doubling to 15 min between deletions of failed pods on one node (daemon_controller.go). */
const FAILED_BACKOFF_BASE_MS = 1_000;
const FAILED_BACKOFF_MAX_MS = 15 * 60_000;

/**
 * The DaemonSet controller (K: pkg/controller/daemon, v1.32): one pod per eligible node, pinned by required node
 * affinity on metadata.name and left for the default scheduler to bind; daemon tolerations added to every pod;
 * ControllerRevisions <ds>-<hash>; RollingUpdate with maxUnavailable and maxSurge, or OnDelete; failed pods
 * deleted with a per-node back-off; status. Not implemented: adoption of orphan ControllerRevisions, duplicate
 * current revisions (dedupCurHistories), burst limits on creation (in-process creates cannot fail part-way).
 */
export function startDaemonSetController(ctx: ControllerContext): void {
  const { api, clock, signal, events } = ctx;
  const queue = new WorkQueue({ clock, signal, process: sync, onError: logError(MANAGER) });
  const sets = new Informer<DaemonSet>(api, 'apps/v1', 'DaemonSet').addIndex('uid', (d) => [d.metadata.uid!]);
  const pods = new Informer<Pod>(api, 'v1', 'Pod').addIndex('owner', byControllerUid);
  const nodes = new Informer<Node>(api, 'v1', 'Node');
  const revisions = new Informer<ControllerRevision>(api, 'apps/v1', 'ControllerRevision').addIndex(
    'owner',
    byControllerUid,
  );
  const backoff = new Map<string, { delayMs: number; until: number }>();

  const enqueue = (d: DaemonSet) => queue.add(keyOf(d.metadata.namespace, d.metadata.name!));
  const enqueueAll = () => {
    for (const d of sets.list()) enqueue(d);
  };
  const enqueueForPod = (p: Pod) => {
    const owner = controllerOf(p);
    if (owner) {
      const ds = owner.kind === 'DaemonSet' ? sets.byIndex('uid', owner.uid)[0] : undefined;
      if (ds) enqueue(ds);
      return;
    }
    for (const ds of sets.list(p.metadata.namespace)) if (selects(ds, p)) enqueue(ds);
  };
  sets.on({ added: enqueue, updated: (_o, d) => enqueue(d) });
  pods.on({ added: enqueueForPod, updated: (_o, p) => enqueueForPod(p), deleted: enqueueForPod });
  nodes.on({ added: enqueueAll, updated: enqueueAll, deleted: enqueueAll });
  sets.start(signal);
  pods.start(signal);
  nodes.start(signal);
  revisions.start(signal);

  function sync(key: string): void {
    const [namespace, name] = key.split('/') as [string, string];
    const ds = sets.get(namespace, name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    let history: ReturnType<typeof constructHistory>;
    try {
      history = constructHistory({
        api,
        ds,
        revisions: revisions.byIndex('owner', ds.metadata.uid!),
        fieldManager: MANAGER,
      });
    } catch (error) {
      if (error instanceof RevisionCollisionError) bumpCollisionCount(api, ds, MANAGER);
      throw error;
    }
    const { hash } = history;
    const template = daemonPodTemplate(ds, hash);
    const nodeList = nodes.list();
    const now = clock.now();
    const desired = nodeList.filter((n) => nodeShouldRunDaemonPod(n, template).shouldRun).length;
    const surge = ds.spec.updateStrategy?.type !== 'OnDelete' && rollingLimits(ds, desired).maxSurge > 0;
    const manage = planManage({ ds, template, nodes: nodeList, nodeToPods: nodeToPods(ds), hash, surge, now });
    for (const { pod, node } of manage.failed) deleteFailed(ds, key, pod, node, now);
    syncNodes(ds, template, manage.podsToDelete, manage.nodesToCreate);

    if (ds.spec.updateStrategy?.type !== 'OnDelete') {
      const plan = planRollingUpdate({ ds, nodeToPods: nodeToPods(ds), hash, desired, now });
      syncNodes(ds, template, plan.podsToDelete, plan.nodesToCreate);
    }

    const mapping = nodeToPods(ds);
    const liveHashes = new Set<string>([hash]);
    for (const list of mapping.values()) {
      for (const pod of list) {
        const podHash = pod.metadata.labels?.[REVISION_HASH_LABEL];
        if (podHash) liveHashes.add(podHash);
      }
    }
    cleanupHistory({ api, old: history.old, liveHashes, limit: ds.spec.revisionHistoryLimit ?? 10 });
    writeStatus(ds, template, nodeList, mapping, hash, key);
  }

  function writeStatus(
    ds: DaemonSet,
    template: PodTemplateSpec,
    nodeList: Node[],
    mapping: Map<string, Pod[]>,
    hash: string,
    key: string,
  ): void {
    const now = clock.now();
    const status = computeStatus({ ds, template, nodes: nodeList, nodeToPods: mapping, hash, now });
    const latest = sets.get(ds.metadata.namespace, ds.metadata.name!) ?? ds;
    if (!jsonEqual(latest.status ?? {}, status)) {
      api.update({ ...clone(latest), status }, { subresource: 'status', fieldManager: MANAGER });
    }
    // Ready but not yet available pods become available after minReadySeconds: look again then.
    const minReady = ds.spec.minReadySeconds ?? 0;
    const waiting = [...mapping.values()].flat().some((p) => isPodReady(p) && !isAvailable(p, ds, now));
    if (minReady > 0 && waiting) queue.addAfter(key, minReady * 1000);
  }

  /**
   * getNodesToDaemonPods: the claimed pods by target node, leaving out terminal pods already being deleted. Claiming
   * adopts orphans the selector matches and releases owned pods it no longer matches (ClaimPods).
   */
  function nodeToPods(ds: DaemonSet): Map<string, Pod[]> {
    const result = new Map<string, Pod[]>();
    for (const pod of claimPods(ds)) {
      const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
      if (terminal && pod.metadata.deletionTimestamp) continue;
      const node = targetNodeName(pod);
      if (node === undefined) continue;
      result.set(node, [...(result.get(node) ?? []), pod]);
    }
    return result;
  }

  function claimPods(ds: DaemonSet): Pod[] {
    const result: Pod[] = [];
    for (const pod of pods.byIndex('owner', ds.metadata.uid!)) {
      if (selects(ds, pod)) {
        result.push(pod);
        continue;
      }
      const released = clone(pod);
      released.metadata.ownerReferences = (released.metadata.ownerReferences ?? []).filter(
        (o) => o.uid !== ds.metadata.uid,
      );
      api.update(released, { fieldManager: MANAGER });
    }
    for (const pod of pods.list(ds.metadata.namespace)) {
      if (pod.metadata.deletionTimestamp || pod.metadata.ownerReferences?.some((o) => o.controller)) continue;
      if (!selects(ds, pod)) continue;
      const adopted = clone(pod);
      adopted.metadata.ownerReferences = [...(adopted.metadata.ownerReferences ?? []), newControllerRef(ds)];
      result.push(api.update(adopted, { fieldManager: MANAGER }) as Pod);
    }
    return result;
  }

  /** syncNodes: deletes, then creates one pod per node with the node pinned by affinity. */
  function syncNodes(ds: DaemonSet, template: PodTemplateSpec, toDelete: Pod[], toCreate: string[]): void {
    for (const pod of toDelete) {
      api.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!, {
        preconditions: { uid: pod.metadata.uid! },
      });
      events.record(ds, SOURCE, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    }
    for (const node of toCreate) {
      let created: KubeObject;
      try {
        created = api.create(
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: {
              generateName: `${ds.metadata.name}-`,
              namespace: ds.metadata.namespace!,
              labels: { ...(template.metadata?.labels ?? {}) },
              ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
              ownerReferences: [newControllerRef(ds)],
            },
            spec: pinToNode(template.spec, node),
          },
          { fieldManager: MANAGER },
        );
      } catch (error) {
        events.record(ds, SOURCE, 'Warning', 'FailedCreate', `Error creating: ${String(error)}`);
        throw error;
      }
      events.record(ds, SOURCE, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    }
  }

  /** A failed daemon pod is deleted (and so replaced) at most once per back-off step per node. */
  function deleteFailed(ds: DaemonSet, key: string, pod: Pod, node: string, now: number): void {
    const backoffKey = `${ds.metadata.uid}/${node}`;
    const entry = backoff.get(backoffKey);
    if (entry && now < entry.until) {
      queue.addAfter(key, entry.until - now);
      return;
    }
    const delayMs = entry ? Math.min(FAILED_BACKOFF_MAX_MS, entry.delayMs * 2) : FAILED_BACKOFF_BASE_MS;
    backoff.set(backoffKey, { delayMs, until: now + delayMs });
    events.record(
      ds,
      SOURCE,
      'Warning',
      'FailedDaemonPod',
      `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${node}, will try to kill it`,
    );
    api.delete('v1', 'Pod', pod.metadata.namespace, pod.metadata.name!, { preconditions: { uid: pod.metadata.uid! } });
    events.record(ds, SOURCE, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
  }
}

function selects(ds: DaemonSet, object: KubeObject): boolean {
  try {
    return labelSelectorFromObject(ds.spec.selector).matches(object.metadata.labels ?? {});
  } catch {
    return false;
  }
}
