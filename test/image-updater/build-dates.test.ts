import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { ScaledClock } from '../../src/clock/index.ts';
import { BuildDates } from '../../src/image-updater/registry/build-dates.ts';
import { type ImageConfig, pushImage, RegistryClient, startRegistry } from '../../src/registry/index.ts';

/** Counts the config fetches newest-build makes. */
class CountingClient extends RegistryClient {
  configs = 0;
  override getImageConfig(...args: Parameters<RegistryClient['getImageConfig']>): Promise<ImageConfig> {
    this.configs++;
    return super.getImageConfig(...args);
  }
}

test('build dates are fetched once per digest and follow a tag that moved', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'build-dates-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const clock = new ScaledClock();
  await using registry = await startRegistry({ dataDir: dir, clock });
  const client = new CountingClient({ registry: registry.url, clock });
  const push = (created: string) =>
    pushImage({ registry: registry.url, repository: 'r/app', tag: 'edge', created, clock });
  const dates = new BuildDates();

  await push('2026-01-01T00:00:00Z');
  t.is(await dates.of(client, 'r/app', 'edge'), Date.parse('2026-01-01T00:00:00Z'));
  t.is(await dates.of(client, 'r/app', 'edge'), Date.parse('2026-01-01T00:00:00Z'));
  t.is(client.configs, 1, 'the second cycle only asks for the digest');

  await push('2026-02-01T00:00:00Z');
  t.is(await dates.of(client, 'r/app', 'edge'), Date.parse('2026-02-01T00:00:00Z'), 'the moved tag is noticed');
  t.is(client.configs, 2);
});
