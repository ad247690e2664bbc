import { execa } from 'execa';
import { Random, ScaledClock } from '../../src/clock/index.ts';
import type { KubeObject } from '../../src/kube/object.ts';
import { startEmbeddedCluster } from '../../src/providers/embedded/embedded-cluster.ts';
import type { Bench } from './report.ts';

const deployment = (i: number, replicas: number): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: `app-${i}`, namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: `app-${i}` } },
    template: {
      metadata: { labels: { app: `app-${i}` } },
      spec: {
        containers: [{ name: 'app', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
      },
    },
  },
});

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * The embedded cluster at kwok's scale: N nodes and 10×N pods (from 100-replica Deployments) brought to Ready,
 * with curl listing pods over HTTP every 500 ms during it (curl's own start-up, ~10 ms, included). Simulated delays run 10× faster.
 */
const bench: Bench = {
  title: 'Embedded cluster: nodes and pods brought to Ready (speed 10, in process)',
  async run({ quick }) {
    const nodes = quick ? 100 : 1_000;
    const pods = nodes * 10;
    const clock = new ScaledClock({ speed: 10 });
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const cluster = await startEmbeddedCluster({ clock, random: new Random(1), nodes: nodes + 1 });
    const nodesUp = performance.now() - started;
    const api = cluster.apiServer.api;
    let ready = 0;
    const readyPods = new Set<string>();
    const stop = api.watchKind('v1', 'Pod', (event) => {
      const name = event.object.metadata.name!;
      const isReady = (
        (event.object['status'] as { conditions?: { type: string; status: string }[] })?.conditions ?? []
      ).some((c) => c.type === 'Ready' && c.status === 'True');
      if (isReady && event.type !== 'DELETED') readyPods.add(name);
      else readyPods.delete(name);
      ready = readyPods.size;
    });
    const latencies: number[] = [];
    let listing = true;
    const lister = (async () => {
      while (listing) {
        // From a separate process, as kubectl would be: an in-process client competes for the same event loop.
        const t0 = performance.now();
        await execa('curl', ['-sf', '-o', '/dev/null', `${cluster.apiServer.url}/api/v1/pods?limit=500`]);
        latencies.push(performance.now() - t0);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    const podsStarted = performance.now();
    for (let i = 0; i < pods / 100; i++) api.create(deployment(i, 100));
    while (ready < pods) await new Promise((resolve) => setTimeout(resolve, 100));
    const podsReady = performance.now() - podsStarted;
    listing = false;
    await lister;
    const rss = process.memoryUsage().rss - rssBefore;
    stop();
    await cluster.close();
    return [
      { name: `${nodes} worker nodes registered`, value: nodesUp / 1000, unit: 's', lowerIsBetter: true },
      { name: `${pods} pods created → all Ready`, value: podsReady / 1000, unit: 's', lowerIsBetter: true },
      {
        name: 'pods Ready per second (wall)',
        value: pods / (podsReady / 1000),
        unit: 'pods/s',
        baseline: { name: "kwok's stated create rate", value: 20 },
      },
      { name: 'memory (RSS growth)', value: rss / 1e6, unit: 'MB', lowerIsBetter: true },
      {
        name: 'list 500 pods over HTTP during it, p50',
        value: percentile(latencies, 50),
        unit: 'ms',
        lowerIsBetter: true,
      },
      {
        name: 'list 500 pods over HTTP during it, p99',
        value: percentile(latencies, 99),
        unit: 'ms',
        lowerIsBetter: true,
      },
    ];
  },
};

export default bench;
