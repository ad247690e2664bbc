import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import test from 'ava';
import { renderJunitReport, writeJunitReport } from '../../src/report/junit.ts';
import type { RunResult } from '../../src/scenario/result.ts';
import { imageBumpResult, sampleRun } from './support/image-bump.ts';

/** A strict parse: any warning or error from the XML parser fails the test. */
function parse(xml: string) {
  const parser = new DOMParser({
    onError: (level, message) => {
      throw new Error(`XML ${level}: ${message}`);
    },
  });
  return parser.parseFromString(xml, 'text/xml');
}

function elements(parent: { getElementsByTagName(name: string): ArrayLike<Element> }, name: string): Element[] {
  return Array.from(parent.getElementsByTagName(name));
}

test('one testsuite, one testcase per scenario, time in wall seconds; failure lists failed expectations with their slice', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'report-junit-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'out', 'junit.xml');
  await writeJunitReport(file, sampleRun());
  const doc = parse(await readFile(file, 'utf8'));

  const suites = elements(doc, 'testsuite');
  t.is(suites.length, 1);
  const suite = suites[0]!;
  t.is(suite.getAttribute('tests'), '2');
  t.is(suite.getAttribute('failures'), '1');
  t.is(suite.getAttribute('errors'), '0');
  t.is(suite.getAttribute('time'), '2.780');

  const cases = elements(suite, 'testcase');
  t.deepEqual(
    cases.map((c) => [c.getAttribute('classname'), c.getAttribute('name'), c.getAttribute('time')]),
    [
      ['gitops-sandbox.scenarios', 'image-bump', '1.830'],
      ['gitops-sandbox.scenarios', 'drift-self-heal', '0.950'],
    ],
  );
  const [bump, heal] = cases as [Element, Element];
  const failures = elements(bump, 'failure');
  t.is(failures.length, 1);
  t.is(
    failures[0]!.getAttribute('message'),
    '1 of 3 expectations failed: probe dev/letsgo never fails during the rollout',
  );
  const body = failures[0]!.textContent ?? '';
  t.regex(body, /✗ probe dev\/letsgo never fails during the rollout\n {2}probe dev\/letsgo failed at \+6\.8s/);
  t.regex(body, /\+6\.8s\s+probe\s+dev\/letsgo\s+connection refused/);
  t.notRegex(body, /Synced within 10s/, 'passed expectations are not in the failure');
  t.is(elements(heal, 'failure').length, 0);

  const out = elements(bump, 'system-out')[0]!.textContent ?? '';
  t.is(out.split('\n').filter((l) => /^\+\d/.test(l)).length, imageBumpResult().timeline.length);
  t.regex(out, /\+9\.5s\s+application\s+argocd\/letsgo-dev\s+Healthy/);
});

test('hostile strings survive: markup, quotes, CDATA ends, line breaks in attributes, control characters, lone surrogates', (t) => {
  const hostile = `a<b>&"c'd]]><!--x--><![CDATA[`;
  const bump = imageBumpResult({ name: `evil ${hostile}\nline2\ttab` });
  const failed = bump.expectations[2]!;
  failed.description = `desc ${hostile}`;
  failed.message = `msg \x1b[31mred\x1b[0m nul\x00 bell\x07 lone\uD800 fffe\uFFFE ok😀`;
  failed.slice![1]!.message = `slice ${hostile}`;
  bump.timeline[0]!.subject = `subject ${hostile}`;
  const errored = imageBumpResult({ name: 'errored', error: `boom ${hostile}\nat line 2` });
  const run: RunResult = { scenarios: [bump, errored], passed: false };

  const doc = parse(renderJunitReport(run));
  const [first, second] = elements(doc, 'testcase') as [Element, Element];
  t.is(first.getAttribute('name'), `evil ${hostile}\nline2\ttab`);
  const failure = elements(first, 'failure')[0]!;
  t.is(failure.getAttribute('message'), `1 of 3 expectations failed: desc ${hostile}`);
  const body = failure.textContent ?? '';
  t.true(body.includes(`✗ desc ${hostile}`));
  t.true(body.includes('msg \\u001b[31mred\\u001b[0m nul\\u0000 bell\\u0007 lone\\ud800 fffe\\ufffe ok😀'));
  t.true(body.includes(`slice ${hostile}`));
  t.true((elements(first, 'system-out')[0]!.textContent ?? '').includes(`subject ${hostile}`));

  // A scenario that threw is an error, not a failure, and counts as one.
  const error = elements(second, 'error')[0]!;
  t.is(error.getAttribute('type'), 'ScenarioError');
  t.is(error.getAttribute('message'), `boom ${hostile} ⏎ at line 2`);
  t.is(elements(second, 'failure').length, 0);
  const suite = elements(doc, 'testsuite')[0]!;
  t.is(suite.getAttribute('failures'), '1');
  t.is(suite.getAttribute('errors'), '1');
});

test('a scenario that failed a step without failed expectations still gets a failure naming the step', (t) => {
  const bump = imageBumpResult();
  bump.expectations = bump.expectations.filter((e) => e.passed);
  bump.steps[1] = { ...bump.steps[1]!, passed: false, error: 'timed out after 60s' };
  const doc = parse(renderJunitReport({ scenarios: [bump], passed: false }));
  const failure = elements(doc, 'failure')[0]!;
  t.is(failure.getAttribute('message'), 'step wait for rollout failed: timed out after 60s');
});
