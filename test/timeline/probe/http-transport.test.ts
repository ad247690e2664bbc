import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'ava';
import { ScaledClock } from '../../../src/clock/index.ts';
import { httpTransport } from '../../../src/timeline/probe/http-transport.ts';
import { startProbe } from '../../../src/timeline/probe/probe.ts';
import { Timeline } from '../../../src/timeline/timeline.ts';

/** A version server as the sandbox images are: answers its version, or 503 / nothing when told to. */
async function versionServer() {
  const state = { version: 'v1', mode: 'up' as 'up' | 'error' | 'hang', format: 'json' as 'json' | 'text' | 'header' };
  const server: Server = createServer((_request, response) => {
    if (state.mode === 'hang') return;
    if (state.mode === 'error') return void response.writeHead(503).end('unavailable');
    if (state.format === 'header') return void response.writeHead(200, { 'X-Version': state.version }).end('ok');
    if (state.format === 'text') return void response.writeHead(200).end(`${state.version}\n`);
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ version: state.version }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { state, url, close };
}

test('HTTP answers give the version (JSON, text or header); 5xx, hangs and refused connections are failures', async (t) => {
  const server = await versionServer();
  t.teardown(server.close);
  const clock = new ScaledClock();
  const seen: string[] = [];
  const transport = httpTransport({
    clock,
    timeoutMs: 200,
    urlFor: (service) => {
      seen.push(service);
      return `${server.url}/`;
    },
    path: '/version',
  });
  const signal = new AbortController().signal;
  t.like(await transport.request('web/backend', signal), {
    ok: true,
    version: 'v1',
    endpoint: `${server.url}/version`,
  });
  t.deepEqual(seen, ['web/backend']);
  server.state.format = 'text';
  server.state.version = 'v2';
  t.like(await transport.request('web/backend', signal), { ok: true, version: 'v2' });
  server.state.format = 'header';
  t.like(await transport.request('web/backend', signal), { ok: true, version: 'v2' });
  server.state.mode = 'error';
  t.like(await transport.request('web/backend', signal), { ok: false, reason: `HTTP 503 from ${server.url}/version` });
  server.state.mode = 'hang';
  t.like(await transport.request('web/backend', signal), {
    ok: false,
    reason: `timed out after 200ms: ${server.url}/version`,
  });
  await server.close();
  const refused = await transport.request('web/backend', signal);
  t.false(refused.ok);
  t.regex(refused.ok ? '' : refused.reason, /ECONNREFUSED/);
});

test('a probe over HTTP records the switch of versions and the outage in between', async (t) => {
  const server = await versionServer();
  t.teardown(server.close);
  const clock = new ScaledClock({ speed: 10 });
  const timeline = new Timeline({ clock });
  const transport = httpTransport({ clock, urlFor: () => server.url });
  const probe = await startProbe({ service: 'web/backend', transport, clock, sink: timeline, intervalMs: 250 });
  const probeEvent = (type: string) => ({ component: 'probe' as const, type });
  await timeline.waitFor({ description: 'v1', test: (e) => e.type === 'version' }, { timeout: '5s' });
  server.state.mode = 'error';
  await timeline.waitFor({ description: 'failure', test: (e) => e.type === 'failure' }, { timeout: '5s' });
  server.state.mode = 'up';
  server.state.version = 'v2';
  const v2 = await timeline.waitFor(
    { description: 'v2', test: (e) => e.type === 'version' && e.data?.['version'] === 'v2' },
    { timeout: '5s' },
  );
  await probe.stop();
  const recovered = timeline.events(probeEvent('recovered'));
  t.is(recovered.length, 1);
  t.is(recovered[0]!.data?.['failures'], timeline.events(probeEvent('failure')).length);
  t.false(timeline.isAfter(recovered[0]!, v2));
  const counts = probe.counts();
  t.is(counts.failed, timeline.events(probeEvent('failure')).length);
  t.is(counts.total, counts.failed + (counts.versions['v1'] ?? 0) + (counts.versions['v2'] ?? 0));
});
