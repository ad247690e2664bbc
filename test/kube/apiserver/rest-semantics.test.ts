import test from 'ava';
import { ScaledClock } from '../../../src/clock/index.ts';
import { startApiServer } from '../../../src/kube/apiserver/server.ts';
import { startGarbageCollector } from '../../../src/kube/controllers/garbage-collector/garbage-collector.ts';
import { startNamespaceController } from '../../../src/kube/controllers/namespace/namespace-controller.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests read loose JSON responses
type LooseJson = any;

async function start(options: { historySize?: number } = {}) {
  const clock = new ScaledClock();
  const server = await startApiServer({ clock, ...options });
  const controllers = new AbortController();
  startGarbageCollector({ api: server.api, clock, signal: controllers.signal });
  startNamespaceController({ api: server.api, types: server.context.types, clock, signal: controllers.signal });
  const call = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'Content-Type': contentType },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json: json as LooseJson, text };
  };
  return {
    server,
    clock,
    call,
    close: async () => {
      controllers.abort();
      await server.close();
    },
  };
}

/** Reads a watch stream until `count` events arrived (or it ends). */
async function readEvents(url: string, count: number): Promise<{ type: string; object: LooseJson }[]> {
  const controller = new AbortController();
  const response = await fetch(url, { signal: controller.signal });
  const reader = response.body!.getReader();
  const events: { type: string; object: LooseJson }[] = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += new TextDecoder().decode(value);
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      events.push(JSON.parse(buffer.slice(0, newline)));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf('\n');
    }
  }
  controller.abort();
  return events;
}

const cm = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, labels },
});
const CMS = '/api/v1/namespaces/default/configmaps';

test('a streaming list sends ADDED for each object then a BOOKMARK marking the end of initial events', async (t) => {
  const s = await start();
  t.teardown(s.close);
  for (const name of ['a', 'b']) await s.call('POST', CMS, cm(name));
  const rejected = await s.call('GET', `${CMS}?watch=1&sendInitialEvents=true`);
  t.is(rejected.status, 400, 'without resourceVersionMatch=NotOlderThan');
  const events = await readEvents(
    `${s.server.url}${CMS}?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`,
    3,
  );
  t.deepEqual(
    events.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`),
    ['ADDED a', 'ADDED b', 'BOOKMARK '],
  );
  t.is(events[2]!.object.metadata.annotations['k8s.io/initial-events-end'], 'true');
});

test('a watch from a compacted resourceVersion ends with an ERROR event carrying 410 Expired', async (t) => {
  const s = await start({ historySize: 3 });
  t.teardown(s.close);
  const first = await s.call('POST', CMS, cm('first'));
  for (const name of ['b', 'c', 'd', 'e']) await s.call('POST', CMS, cm(name));
  const events = await readEvents(
    `${s.server.url}${CMS}?watch=1&resourceVersion=${first.json.metadata.resourceVersion}`,
    1,
  );
  t.is(events[0]!.type, 'ERROR');
  t.is(events[0]!.object.code, 410);
  t.is(events[0]!.object.reason, 'Expired');
});

test('a watch with a label selector sees an object leave the selection as DELETED', async (t) => {
  const s = await start();
  t.teardown(s.close);
  const created = await s.call('POST', CMS, cm('x', { tier: 'web' }));
  const watching = readEvents(
    `${s.server.url}${CMS}?watch=1&labelSelector=tier%3Dweb&resourceVersion=${created.json.metadata.resourceVersion}`,
    1,
  );
  await new Promise((r) => setTimeout(r, 50));
  await s.call('PATCH', `${CMS}/x`, { metadata: { labels: { tier: 'db' } } }, 'application/merge-patch+json');
  const [event] = await watching;
  t.is(event!.type, 'DELETED');
  t.is(event!.object.metadata.labels.tier, 'db');
});

test('lists page with limit and continue, in name order, with remainingItemCount', async (t) => {
  const s = await start();
  t.teardown(s.close);
  for (const name of ['e', 'a', 'd', 'c', 'b']) await s.call('POST', CMS, cm(name));
  const names: string[] = [];
  let page = await s.call('GET', `${CMS}?limit=2`);
  t.is(page.json.metadata.remainingItemCount, 3);
  names.push(...page.json.items.map((i: { metadata: { name: string } }) => i.metadata.name));
  while (page.json.metadata.continue) {
    page = await s.call('GET', `${CMS}?limit=2&continue=${page.json.metadata.continue}`);
    names.push(...page.json.items.map((i: { metadata: { name: string } }) => i.metadata.name));
  }
  t.deepEqual(names, ['a', 'b', 'c', 'd', 'e']);
  t.is((await s.call('GET', `${CMS}?continue=garbage`)).status, 400);
  t.is((await s.call('GET', `${CMS}?labelSelector=a%20in%20(`)).status, 400);
  t.is((await s.call('GET', `${CMS}?fieldSelector=spec.nope%3Dx`)).status, 400);
});

test('binding assigns a pod once; deleting a bound pod is graceful, a grace of 0 finishes it', async (t) => {
  const s = await start();
  t.teardown(s.close);
  const PODS = '/api/v1/namespaces/default/pods';
  await s.call('POST', PODS, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
  });
  const bind = (node: string) =>
    s.call('POST', `${PODS}/p/binding`, {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: 'p' },
      target: { kind: 'Node', name: node },
    });
  t.is((await bind('node-a')).status, 201);
  const second = await bind('node-b');
  t.is(second.status, 409);
  t.regex(second.json.message, /already assigned to node "node-a"/);
  const pod = (await s.call('GET', `${PODS}/p`)).json;
  t.is(pod.spec.nodeName, 'node-a');
  t.true(
    pod.status.conditions.some(
      (c: { type: string; status: string }) => c.type === 'PodScheduled' && c.status === 'True',
    ),
  );
  const graceful = await s.call('DELETE', `${PODS}/p`);
  t.is(graceful.status, 202);
  t.is(graceful.json.metadata.deletionGracePeriodSeconds, 30);
  t.truthy(graceful.json.metadata.deletionTimestamp);
  t.is((await s.call('GET', `${PODS}/p`)).status, 200, 'still there, terminating');
  t.is((await s.call('DELETE', `${PODS}/p`, { gracePeriodSeconds: 0 })).status, 200);
  t.is((await s.call('GET', `${PODS}/p`)).status, 404);
});

test('eviction is refused with 429 while a PodDisruptionBudget allows no disruption', async (t) => {
  const s = await start();
  t.teardown(s.close);
  await s.call('POST', '/api/v1/namespaces/default/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
  });
  const pdb = await s.call('POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web' },
    spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } },
  });
  t.is(pdb.status, 201, pdb.text);
  const evict = () =>
    s.call('POST', '/api/v1/namespaces/default/pods/p/eviction', {
      apiVersion: 'policy/v1',
      kind: 'Eviction',
      metadata: { name: 'p' },
    });
  const refused = await evict();
  t.is(refused.status, 429);
  t.regex(refused.json.message, /disruption budget/);
  await s.call(
    'PATCH',
    '/apis/policy/v1/namespaces/default/poddisruptionbudgets/web/status',
    { status: { disruptionsAllowed: 1 } },
    'application/merge-patch+json',
  );
  await s.call('POST', '/api/v1/namespaces/default/pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'q', labels: { app: 'web' } },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
  });
  t.is((await evict()).status, 201);
  t.is((await s.call('GET', '/api/v1/namespaces/default/pods/p')).status, 404);
  const second = await s.call('POST', '/api/v1/namespaces/default/pods/q/eviction', {
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    metadata: { name: 'q' },
  });
  t.is(second.status, 429, 'the one allowed disruption was spent by the first eviction');
  const budget = (await s.call('GET', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/web')).json;
  t.is(budget.status.disruptionsAllowed, 0);
  t.truthy(budget.status.disruptedPods.p);
});

test('deletecollection deletes what the selector matches; a dry-run delete keeps the object', async (t) => {
  const s = await start();
  t.teardown(s.close);
  for (const [name, tier] of [
    ['a', 'x'],
    ['b', 'x'],
    ['c', 'y'],
  ] as const)
    await s.call('POST', CMS, cm(name, { tier }));
  t.is((await s.call('DELETE', `${CMS}?labelSelector=tier%3Dx`)).status, 200);
  t.deepEqual(
    (await s.call('GET', CMS)).json.items.map((i: { metadata: { name: string } }) => i.metadata.name),
    ['c'],
  );
  t.is((await s.call('DELETE', `${CMS}/c?dryRun=All`)).status, 200);
  t.is((await s.call('GET', `${CMS}/c`)).status, 200);
});

test('bad bodies: invalid JSON is 400, an invalid name is 422 with causes, a wrong kind is 400, nothing is stored', async (t) => {
  const s = await start();
  t.teardown(s.close);
  t.is((await s.call('POST', CMS, '{"apiVersion": "v1", kind')).status, 400);
  const invalid = await s.call('POST', CMS, cm('Not_Valid'));
  t.is(invalid.status, 422);
  t.is(invalid.json.reason, 'Invalid');
  t.is(invalid.json.details.causes[0].field, 'metadata.name');
  t.is((await s.call('POST', CMS, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } })).status, 400);
  t.deepEqual((await s.call('GET', CMS)).json.items, []);
  t.is((await s.call('GET', '/api/v1/nonsense')).status, 404);
  t.is((await s.call('GET', '/apis/nope.example.com/v1')).status, 404);
});

test('deleting a namespace deletes its content, then the namespace itself', async (t) => {
  const s = await start();
  t.teardown(s.close);
  await s.call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
  // A finalizer keeps one object (and so the namespace) around until we release it.
  await s.call('POST', '/api/v1/namespaces/team/configmaps', {
    ...cm('settings'),
    metadata: { name: 'settings', finalizers: ['example.com/hold'] },
  });
  const deleting = await s.call('DELETE', '/api/v1/namespaces/team');
  t.is(deleting.status, 202);
  t.is(deleting.json.status.phase, 'Terminating');
  const refused = await s.call('POST', '/api/v1/namespaces/team/configmaps', cm('late'));
  t.is(refused.status, 403);
  t.regex(refused.json.message, /because it is being terminated/);
  for (
    let i = 0;
    i < 100 && !(await s.call('GET', '/api/v1/namespaces/team/configmaps/settings')).json.metadata.deletionTimestamp;
    i++
  )
    await s.clock.sleep(20);
  t.is((await s.call('GET', '/api/v1/namespaces/team')).status, 200, 'waits for the held object');
  await s.call(
    'PATCH',
    '/api/v1/namespaces/team/configmaps/settings',
    { metadata: { finalizers: null } },
    'application/merge-patch+json',
  );
  for (let i = 0; i < 100 && (await s.call('GET', '/api/v1/namespaces/team')).status !== 404; i++)
    await s.clock.sleep(20);
  t.is((await s.call('GET', '/api/v1/namespaces/team')).status, 404);
  t.is((await s.call('GET', '/api/v1/namespaces/team/configmaps/settings')).status, 404);
});

test('a watch with allowWatchBookmarks gets a BOOKMARK about every minute carrying the current revision', async (t) => {
  const { ManualClock } = await import('../../../src/clock/index.ts');
  const clock = new ManualClock();
  const server = await startApiServer({ clock });
  t.teardown(() => server.close());
  const events: { type: string; rv?: string }[] = [];
  const stop = new AbortController();
  t.teardown(() => stop.abort());
  server.api.watch(
    'v1',
    'ConfigMap',
    new URLSearchParams({ allowWatchBookmarks: 'true', resourceVersion: String(server.context.store.revision) }),
    'default',
    (e) => {
      events.push({
        type: e.type,
        rv: (e.object as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion,
      });
    },
    stop.signal,
  );
  server.api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } });
  await clock.advance(59_000);
  t.deepEqual(
    events.map((e) => e.type),
    ['ADDED'],
  );
  await clock.advance(1_000);
  t.deepEqual(
    events.map((e) => e.type),
    ['ADDED', 'BOOKMARK'],
  );
  t.is(events[1]!.rv, String(server.context.store.revision));
  stop.abort();
  await clock.advance(120_000);
  t.is(events.length, 2, 'no bookmarks after the watch ends');
});

test('generation: spec and Deployment annotation writes move it; /status never does, /scale does', async (t) => {
  const s = await start();
  t.teardown(s.close);
  const path = '/apis/apps/v1/namespaces/default/deployments';
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'gen' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'gen' } },
      template: { metadata: { labels: { app: 'gen' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  };
  t.is((await s.call('POST', path, deployment)).json.metadata.generation, 1);
  const merge = 'application/merge-patch+json';
  const status = await s.call(
    'PATCH',
    `${path}/gen/status`,
    { metadata: { annotations: { 'deployment.kubernetes.io/revision': '1' } }, status: { observedGeneration: 1 } },
    merge,
  );
  t.is(status.json.metadata.generation, 1, 'the controller writing its revision annotation through /status');
  const annotated = await s.call('PATCH', `${path}/gen`, { metadata: { annotations: { note: 'x' } } }, merge);
  t.is(annotated.json.metadata.generation, 2);
  const scaled = await s.call('PATCH', `${path}/gen/scale`, { spec: { replicas: 3 } }, merge);
  t.is(scaled.status, 200, scaled.text);
  t.is((await s.call('GET', `${path}/gen`)).json.metadata.generation, 3);
});
