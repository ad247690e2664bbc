import { NODE_FAILURE_TIMINGS } from '../src/providers/kind/cluster-plan.ts';
import {
  appHealthy,
  appProgressing,
  atLeast,
  defineScenario,
  endpointsReady,
  equals,
  expect,
  nodeNotReady,
  nodeReady,
  podReady,
  probeFailure,
  readyEndpoints,
  rolloutComplete,
  type ScenarioContext,
  state,
} from '../src/scenario/index.ts';
import { parseDuration } from '../src/timeline/duration.ts';
import { matcher, where } from '../src/timeline/matcher.ts';

interface PodList {
  items: {
    metadata: { name: string; labels?: Record<string, string>; deletionTimestamp?: string };
    spec: { nodeName?: string };
    status: { phase?: string; conditions?: { type: string; status: string }[] };
  }[];
}

const NAMESPACE = 'letsgo-prod';
const TIERS = ['backend', 'frontend'] as const;
/** --node-monitor-period: how often the node lifecycle controller looks (both providers). */
const MONITOR_PERIOD_S = 5;
/** The kubelet renews its Lease every 10 s, so the last heartbeat before the stop is up to 10 s old. */
const HEARTBEAT_S = 10;
/** Scheduling slack on a busy machine (simulated seconds). */
const SLACK_S = 5;

/**
 * Node failure timings: Kubernetes' defaults on the embedded cluster (node-monitor-grace-period 50 s since 1.32,
 * DefaultTolerationSeconds 300 s); the kind provider shortens both (NODE_FAILURE_TIMINGS in
 * src/providers/kind/cluster-plan.ts), so the same file replays in about a minute there.
 */
function timings(provider: string): { graceS: number; tolerationS: number } {
  if (provider !== 'kind') return { graceS: 50, tolerationS: 300 };
  return {
    graceS: parseDuration(NODE_FAILURE_TIMINGS.nodeMonitorGracePeriod) / 1000,
    tolerationS: NODE_FAILURE_TIMINGS.tolerationSeconds,
  };
}

const tierOf = (labels: Record<string, string> | undefined) =>
  labels?.['app.kubernetes.io/name'] ?? labels?.['app'] ?? '';

async function podsOf(s: ScenarioContext): Promise<PodList['items']> {
  return (await s.getJson<PodList>(['pods', '-n', NAMESPACE])).items;
}

/**
 * A worker is powered off. Its kubelet stops heartbeating; after the node-monitor grace period the node lifecycle
 * controller marks it Unknown, taints it unreachable and takes its pods out of the endpoints; once the pods' default
 * 300 s toleration of that taint runs out they are evicted and their ReplicaSets replace them on the healthy worker.
 * letsgo-prod (3 replicas per tier) keeps answering if its replicas spanned both workers. The node comes back at
 * the end: Ready again, and the stranded Terminating pods are cleaned up.
 */
export default defineScenario({
  name: 'node-failure',
  title: 'Node failure: a stopped worker goes NotReady, its pods are evicted after 300 s and replaced elsewhere',
  description:
    'Stop the worker that hosts part of letsgo-prod: NotReady after the 50 s grace period, eviction after the 300 s ' +
    'default toleration, replacements on the other worker, the app Healthy again; the endpoints never drop to 0 ' +
    'when the replicas spanned nodes. The node is started again at the end.',
  timeout: '20m',
  async run(s) {
    const t = expect(s.timeline);
    const { graceS, tolerationS } = timings(s.sandbox.provider);
    const workers = s.sandbox.nodes.slice(1);

    // Where letsgo-prod runs now: pick the worker with some but not all replicas of each tier (else the busiest).
    const before = await podsOf(s);
    const count = (node: string, tier: string) =>
      before.filter((p) => p.spec.nodeName === node && tierOf(p.metadata.labels) === tier).length;
    const placement = workers.map(
      (node) => `${node}: ${TIERS.map((tier) => `${count(node, tier)} ${tier}`).join(', ')}`,
    );
    s.action('placement', { pods: placement.join('; ') });
    const spans = (node: string) => TIERS.every((tier) => count(node, tier) > 0 && count(node, tier) < 3);
    const busiest = [...workers].sort(
      (a, b) => TIERS.reduce((n, tier) => n + count(b, tier), 0) - TIERS.reduce((n, tier) => n + count(a, tier), 0),
    )[0]!;
    const victim = workers.find(spans) ?? busiest;
    const survivor = workers.find((w) => w !== victim)!;
    const stranded = before.filter((p) => p.spec.nodeName === victim).map((p) => `${NAMESPACE}/${p.metadata.name}`);
    const spanningTiers = TIERS.filter((tier) => count(victim, tier) > 0 && count(victim, tier) < 3);
    await s.verifyState(`letsgo-prod has pods on ${victim} to lose (${placement.join('; ')})`, async () => ({
      passed: stranded.length > 0,
      message: `${stranded.length} pods on ${victim}: ${stranded.join(', ')}`,
    }));

    // Steady traffic to both tiers, as users would send it.
    const probes = new Map(
      await Promise.all(TIERS.map(async (tier) => [tier, await s.probe(`${NAMESPACE}/${tier}`)] as const)),
    );
    await s.sleep(5_000);
    const answered = (tier: string) => {
      const c = probes.get(tier as (typeof TIERS)[number])!.counts();
      return c.total - c.failed;
    };
    const answeredAtStop = new Map(TIERS.map((tier) => [tier, answered(tier)]));

    const stop = await s.step(`power off ${victim}`, async () => {
      const event = s.action('stop-node', { node: victim });
      await s.sandbox.faults.stopNode(victim);
      return event;
    });

    // 1. The node goes Unknown (NotReady) after the grace period: not before (the last heartbeat was at most 10 s
    //    before the stop), at the latest one monitor period after it.
    const notReady = await s.step(`${victim} goes NotReady after the ${graceS} s grace period`, () =>
      s.waitFor(nodeNotReady(victim), { after: stop, timeout: `${graceS + MONITOR_PERIOD_S + 30}s` }),
    );
    const answeredDuring = new Map(TIERS.map((tier) => [tier, answered(tier)]));
    await s.verify(
      t
        .event(nodeNotReady(victim))
        .within(`${graceS - HEARTBEAT_S - 1}s`)
        .after(stop)
        .never(),
    );
    await s.verify(
      t
        .event(nodeNotReady(victim))
        .within(`${graceS + MONITOR_PERIOD_S + SLACK_S}s`)
        .after(stop),
    );
    const unreachable = where(
      'node',
      'taints',
      (e) =>
        e.subject === victim &&
        ((e.data?.['taints'] as string[] | undefined) ?? []).includes('node.kubernetes.io/unreachable:NoExecute'),
      `node ${victim} tainted unreachable:NoExecute`,
    );
    await s.verify(t.event(unreachable).within('10s').after(notReady));
    // Its pods are marked not ready at once (MarkPodsNotReady), so the endpoints drop them.
    const strandedNotReady = where(
      'pod',
      'not-ready',
      (e) => stranded.includes(e.subject),
      `a letsgo-prod pod on ${victim} not ready`,
    );
    await s.verify(t.event(strandedNotReady).within('10s').after(notReady));
    await s.verify(t.event(appProgressing(NAMESPACE)).within('30s').after(notReady));

    // 2. Eviction: the pods tolerate the unreachable taint for 300 s, then they are deleted (Terminating, since
    //    the kubelet is gone) and replaced on the other worker.
    const tainted = await s.waitFor(unreachable, { after: stop, timeout: '1m' });
    const evicted = where(
      'pod',
      'terminating',
      (e) => stranded.includes(e.subject),
      `a letsgo-prod pod on ${victim} terminating (evicted)`,
    );
    const eviction = await s.step(
      `the pods on ${victim} are evicted once their ${tolerationS} s toleration runs out`,
      () => s.waitFor(evicted, { after: tainted, timeout: `${tolerationS + 60}s` }),
    );
    await s.verify(
      t
        .event(evicted)
        .within(`${tolerationS - 1}s`)
        .after(tainted)
        .never(),
    );
    await s.verify(
      t
        .event(evicted)
        .within(`${tolerationS + MONITOR_PERIOD_S + SLACK_S}s`)
        .after(tainted),
    );
    const replacement = podReady({ node: survivor });
    for (const tier of TIERS) {
      if (count(victim, tier) === 0) continue;
      await s.verify(
        t
          .event(podReady({ node: survivor, app: tier }))
          .within('1m')
          .after(eviction),
      );
    }
    for (const tier of TIERS) {
      await s.verify(
        t
          .event(rolloutComplete(`${NAMESPACE}/${tier}`))
          .within('2m')
          .after(eviction),
      );
    }
    const healthy = await s.step('letsgo-prod Healthy again', () =>
      s.waitFor(appHealthy(NAMESPACE), { after: eviction, timeout: '3m' }),
    );
    await s.verify(t.sequence(stop, notReady, eviction, replacement, healthy));

    // Zero downtime where the replicas spanned both workers: the endpoints never ran dry, the service kept answering
    // while the dead node's pods were still endpoints (requests sent there fail until the node lifecycle controller
    // marks them not ready), and no request failed once they were dropped.
    for (const tier of spanningTiers) {
      const service = `${NAMESPACE}/${tier}`;
      await s.verify(t.during(stop, healthy).always(state(readyEndpoints(service), atLeast(1))));
      const dropped = await s.waitFor(endpointsReady(service, 3 - count(victim, tier)), { after: notReady });
      await s.verify(t.during(dropped).never(probeFailure(service)));
      await s.verifyState(`${service} answered between the stop and the NotReady mark`, async () => {
        const during = answeredDuring.get(tier)! - answeredAtStop.get(tier)!;
        return { passed: during > 0, message: `${during} requests answered` };
      });
    }
    for (const tier of TIERS) {
      await s.verify(t.finalState(state(readyEndpoints(`${NAMESPACE}/${tier}`), equals(3))));
    }
    await s.verifyState(`every letsgo-prod replica now runs on ${survivor}`, async () => {
      const running = (await podsOf(s)).filter((p) => !p.metadata.deletionTimestamp);
      const elsewhere = running.filter((p) => p.spec.nodeName !== survivor);
      return {
        passed: running.length === 6 && elsewhere.length === 0,
        message: `${running.length} live pods; on other nodes: ${elsewhere.map((p) => p.metadata.name).join(', ') || 'none'}`,
      };
    });

    // 3. Power the node on again: Ready within a heartbeat and a monitor period; the stranded pods finish deleting.
    const restart = await s.step(`power on ${victim}`, async () => {
      const event = s.action('start-node', { node: victim });
      await s.sandbox.faults.startNode(victim);
      return event;
    });
    const readyAgain = await s.step(`${victim} Ready again`, () =>
      s.waitFor(nodeReady(victim), { after: restart, timeout: '1m' }),
    );
    await s.verify(
      t
        .event(nodeReady(victim))
        .within(`${HEARTBEAT_S + MONITOR_PERIOD_S + SLACK_S}s`)
        .after(restart),
    );
    const strandedGone = matcher(`the evicted pods on ${victim} deleted`, (e) => {
      if (e.component !== 'pod' || e.type !== 'deleted' || !stranded.includes(e.subject)) return false;
      const deleted = new Set(
        s.timeline
          .events()
          .filter((x) => x.component === 'pod' && x.type === 'deleted' && stranded.includes(x.subject))
          .filter((x) => x.at <= e.at)
          .map((x) => x.subject),
      );
      return deleted.size === stranded.length;
    });
    await s.verify(t.event(strandedGone).within('1m').after(restart));
    await s.verify(
      t
        .event(where('pod', 'scheduled', (e) => e.data?.['node'] === victim, `a pod scheduled to ${victim}`))
        .after(stop)
        .before(restart)
        .never(),
    );
    // The node lifecycle controller lifts the taints on its next pass once the node is Ready again.
    const untainted = where(
      'node',
      'taints',
      (e) => e.subject === victim && ((e.data?.['taints'] as string[] | undefined) ?? []).length === 0,
      `node ${victim} untainted`,
    );
    await s.verify(
      t
        .event(untainted)
        .within(`${MONITOR_PERIOD_S + SLACK_S}s`)
        .after(readyAgain),
    );
    await s.verifyState(`${victim} is Ready and untainted`, async () => {
      const node = await s.getJson<{
        spec: { taints?: { key: string }[] };
        status: { conditions: { type: string; status: string }[] };
      }>(['node', victim]);
      const ready = node.status.conditions.find((c) => c.type === 'Ready')?.status;
      const taints = (node.spec.taints ?? []).map((x) => x.key);
      return {
        passed: ready === 'True' && taints.length === 0,
        message: `Ready ${ready}; taints: ${taints.join(', ') || 'none'}`,
      };
    });
  },
});
