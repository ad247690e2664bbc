import { request } from 'node:http';
import type { Bench, BenchFigure } from './report.ts';
import { type Child, call, load, startChild } from './support/load.ts';

const CONCURRENCY = 32;
const configMap = (i: number) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `cm-${i}`, namespace: 'default', labels: { app: 'bench' } },
    data: { value: String(i) },
  });

/** Opens `count` watch streams and resolves when each has received `events` lines. */
function watchers(
  url: string,
  count: number,
  events: number,
): { ready: Promise<void>; done: Promise<void>; close(): void } {
  const requests: ReturnType<typeof request>[] = [];
  let connected = 0;
  let finished = 0;
  let onReady!: () => void;
  let onDone!: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  const done = new Promise<void>((r) => (onDone = r));
  for (let i = 0; i < count; i++) {
    const req = request(url, (res) => {
      if (++connected === count) onReady();
      let lines = 0;
      res.on('data', (chunk: Buffer) => {
        for (const byte of chunk) if (byte === 10) lines++;
        if (lines === events && ++finished === count) onDone();
      });
    });
    req.end();
    requests.push(req);
  }
  return {
    ready,
    done,
    close: () => {
      for (const r of requests) r.destroy();
    },
  };
}

async function measure(child: Child, objects: number, bare: boolean, listBytes = 0) {
  const base = `${child.url}/api/v1/namespaces/default/configmaps`;
  const create = await load(objects, CONCURRENCY, (i) => call(base, 'POST', configMap(i)));
  const get = await load(objects, CONCURRENCY, (i) => call(`${base}/cm-${(i * 7919) % objects}`, 'GET'));
  if (bare) await call(`${child.url}/__size`, 'POST', String(listBytes));
  const { bytes } = await call(base, 'GET');
  const lists = Math.max(5, Math.floor(20_000 / objects));
  const list = await load(lists, 4, () => call(base, 'GET'));
  const events = Math.max(100, Math.floor(objects / 10));
  const streams = watchers(`${base}?watch=1&resourceVersion=${bare ? '' : await currentRevision(base)}`, 100, events);
  await streams.ready;
  const started = performance.now();
  await load(events, 8, (i) =>
    bare ? call(`${child.url}/__emit`, 'POST', '') : call(base, 'POST', configMap(objects + i)),
  );
  await streams.done;
  const fanout = (100 * events) / ((performance.now() - started) / 1000);
  streams.close();
  return { create, get, list, listBytes: bytes, fanout };
}

async function currentRevision(base: string): Promise<string> {
  return new Promise((resolve, reject) => {
    request(`${base}?limit=1`, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c));
      res.on('end', () => resolve(JSON.parse(text).metadata.resourceVersion));
    })
      .on('error', reject)
      .end();
  });
}

const bench: Bench = {
  title: 'Embedded Kubernetes API server (own process, 32 requests in flight) vs a bare node:http server',
  async run({ quick }) {
    const objects = quick ? 2_000 : 10_000;
    const api = await startChild('apiserver');
    const bare = await startChild('bare');
    try {
      const ours = await measure(api, objects, false);
      const base = await measure(bare, objects, true, ours.listBytes);
      const figures: BenchFigure[] = [
        {
          name: `create ConfigMap (${objects})`,
          value: ours.create,
          unit: 'req/s',
          baseline: { name: 'bare POST', value: base.create },
        },
        {
          name: `get ConfigMap by name (${objects} stored)`,
          value: ours.get,
          unit: 'req/s',
          baseline: { name: 'bare GET', value: base.get },
        },
        {
          name: `list ${objects} ConfigMaps (${(ours.listBytes / 1e6).toFixed(1)} MB)`,
          value: ours.list,
          unit: 'lists/s',
          baseline: { name: 'bare GET of the same size', value: base.list },
        },
        {
          name: 'watch fan-out to 100 watchers',
          value: ours.fanout,
          unit: 'events/s',
          baseline: { name: 'bare stream writes', value: base.fanout },
        },
      ];
      return figures;
    } finally {
      api.stop();
      bare.stop();
    }
  },
};

export default bench;
