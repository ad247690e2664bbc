import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { writeReports } from '../../src/report/write.ts';
import { sampleRun } from './support/image-bump.ts';

test('writes exactly the requested reports and returns their paths', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'report-write-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const json = join(dir, 'out', 'run.json');
  const junit = join(dir, 'junit.xml');
  const report = join(dir, 'html');
  const written = await writeReports(sampleRun(), { json, junit, report });
  t.deepEqual(written, [json, junit, join(report, 'index.html')]);
  t.is(JSON.parse(await readFile(json, 'utf8')).version, 1);
  t.regex(await readFile(junit, 'utf8'), /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /);
  t.regex(await readFile(join(report, 'index.html'), 'utf8'), /^<!doctype html>/);

  const only = join(dir, 'only');
  t.deepEqual(await writeReports(sampleRun(), { junit: join(only, 'j.xml') }), [join(only, 'j.xml')]);
  t.deepEqual(await readdir(only), ['j.xml']);
  t.deepEqual(await writeReports(sampleRun(), {}), []);
});
