import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'ava';
import { ScaledClock } from '../../src/clock/index.ts';
import { pushImage, RegistryClient, RegistryError } from '../../src/registry/index.ts';
import { freePort } from './helpers/free-port.ts';
import { startEmbedded } from './helpers/targets.ts';

// Retries, back-off, timeouts and rate limits, at speed 50 so back-offs of seconds take tens of milliseconds.
const clock = new ScaledClock({ speed: 50 });

/** A server answering each request with the next scripted status (the last repeats), counting requests. */
async function scripted(statuses: number[], headers: Record<string, string> = {}) {
  let count = 0;
  const server: Server = createServer((_req, res) => {
    const status = statuses[Math.min(count, statuses.length - 1)] ?? 200;
    count++;
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(status === 200 ? '{}' : JSON.stringify({ errors: [{ code: 'UNKNOWN', message: `status ${status}` }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    get count() {
      return count;
    },
    [Symbol.asyncDispose]: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

test('5xx answers are retried with back-off until one succeeds', async (t) => {
  await using server = await scripted([503, 502, 200]);
  const client = new RegistryClient({ registry: server.url, clock, retries: 3 });
  await client.ping();
  t.is(server.count, 3);
});

test('retries give up after the configured number with REGISTRY_UNAVAILABLE', async (t) => {
  await using server = await scripted([500]);
  const client = new RegistryClient({ registry: server.url, clock, retries: 2 });
  const error = await t.throwsAsync(client.ping(), { instanceOf: RegistryError });
  t.is(error.code, 'REGISTRY_UNAVAILABLE');
  t.is(server.count, 3);
});

test('4xx answers are not retried', async (t) => {
  await using server = await scripted([400]);
  const client = new RegistryClient({ registry: server.url, clock, retries: 3 });
  const error = await t.throwsAsync(client.ping(), { instanceOf: RegistryError });
  t.is(error.code, 'REGISTRY_REJECTED');
  t.is(server.count, 1);
});

test('429 is honoured: the client waits Retry-After (simulated) and tries again', async (t) => {
  await using server = await scripted([429, 200], { 'Retry-After': '2' });
  const client = new RegistryClient({ registry: server.url, clock, retries: 1 });
  const before = clock.now();
  await client.ping();
  t.is(server.count, 2);
  t.true(clock.now() - before >= 2000);
});

test('a registry that never answers is REGISTRY_TIMEOUT after the per-attempt timeout', async (t) => {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const client = new RegistryClient({ registry: url, clock, timeoutMs: 5000, retries: 1 });
    const error = await t.throwsAsync(client.ping(), { instanceOf: RegistryError });
    t.is(error.code, 'REGISTRY_TIMEOUT');
    t.regex(error.message, /timeoutMs/);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('a caller abort stops at once with the abort reason, not a RegistryError', async (t) => {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const client = new RegistryClient({ registry: url, clock, timeoutMs: 600_000 });
    const controller = new AbortController();
    const pinging = client.ping(controller.signal);
    controller.abort(new Error('scenario ended'));
    await t.throwsAsync(pinging, { message: 'scenario ended' });
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('nothing listening is REGISTRY_UNREACHABLE after retries', async (t) => {
  const url = `127.0.0.1:${await freePort()}`;
  const client = new RegistryClient({ registry: url, clock, retries: 2 });
  const error = await t.throwsAsync(client.ping(), { instanceOf: RegistryError });
  t.is(error.code, 'REGISTRY_UNREACHABLE');
  t.regex(error.message, /check that the registry is running/);
});

test('an outage of the embedded registry is ridden out by retries', async (t) => {
  await using target = await startEmbedded();
  const registry = target.embedded!;
  const client = new RegistryClient({ registry: target.url, clock, retries: 5 });
  await pushImage({ registry: target.url, repository: 'app', tag: 'v1', clock, client });
  registry.setAvailable(false);
  clock.setTimer(1000, () => registry.setAvailable(true));
  t.deepEqual(await client.listTags('app'), ['v1']);
});

test('the client rate limit spaces requests so a rate-limited registry never answers 429', async (t) => {
  await using target = await startEmbedded({ clock });
  target.embedded!.setRateLimit(5);
  // Retries off: any 429 would fail the test.
  const client = new RegistryClient({ registry: target.url, clock, retries: 0, rateLimitPerSecond: 4 });
  for (let i = 0; i < 12; i++) await client.ping();
  t.pass();
});
