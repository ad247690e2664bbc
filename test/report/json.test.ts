import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { renderJsonReport, toJsonReport, writeJsonReport } from '../../src/report/json.ts';
import type { RunResult } from '../../src/scenario/result.ts';
import { sampleRun } from './support/image-bump.ts';

test('a versioned document with a summary, written to the file (directories created)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'report-json-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'nested', 'run.json');
  await writeJsonReport(file, sampleRun());
  const doc = JSON.parse(await readFile(file, 'utf8'));
  t.is(doc.version, 1);
  t.false(doc.passed);
  t.deepEqual(doc.summary, { scenarios: 2, passed: 1, failed: 1, simulatedMs: 20_000, wallMs: 2780 });
  t.is(doc.scenarios[0].name, 'image-bump');
  t.is(doc.scenarios[0].timeline.length, sampleRun().scenarios[0]!.timeline.length);
  t.is(doc.scenarios[0].expectations[2].slice[1].message, 'connection refused');
  t.deepEqual(doc.scenarios[0].expectations[2].slice[1].data, { reason: 'ECONNREFUSED', service: 'dev/letsgo' });
});

test('field order is fixed: the same run assembled in another key order gives the same bytes', (t) => {
  const run = sampleRun();
  const shuffled = reverseKeys(run) as RunResult;
  t.not(JSON.stringify(shuffled), JSON.stringify(run));
  t.is(renderJsonReport(shuffled), renderJsonReport(run));
  t.deepEqual(Object.keys(toJsonReport(run)), ['version', 'passed', 'summary', 'scenarios']);
  const firstEvent = toJsonReport(run).scenarios[0]!.timeline[0]!;
  t.deepEqual(Object.keys(firstEvent), ['at', 'component', 'type', 'subject', 'message', 'data']);
});

test('absent optional fields are left out, not written as null', (t) => {
  const text = renderJsonReport(sampleRun());
  t.false(text.includes('null'));
  const doc = JSON.parse(text);
  t.false('error' in doc.scenarios[0]);
  t.false('slice' in doc.scenarios[0].expectations[1]);
});

function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}
