import test from 'ava';
import { stripAnsi } from '../../src/report/ansi.ts';
import { renderTerminalReport, writeTerminalReport } from '../../src/report/terminal.ts';
import { sampleRun } from './support/image-bump.ts';

function capture(isTTY: boolean, columns?: number) {
  let text = '';
  return {
    stream: { isTTY, ...(columns ? { columns } : {}), write: (chunk: string) => (text += chunk) },
    text: () => text,
  };
}

test('timeline rows carry the time since the scenario start, component, subject and message', (t) => {
  const out = renderTerminalReport(sampleRun());
  t.regex(out, /^ {2}TIME\s+COMPONENT\s+SUBJECT\s+MESSAGE$/m);
  t.regex(out, /^ {2}\+2\.2s\s+git\s+gitops\/apps\s+push main 8b1d2e4\.\.3f2a1c0 \(1 commit\)$/m);
  t.regex(out, /^ {2}\+9\.5s\s+application\s+argocd\/letsgo-dev\s+Healthy$/m);
  // Columns line up: every row of the first table starts its component at the same offset.
  const rows = out.split('\n').filter((l) => /^ {2}\+\d/.test(l));
  const offsets = new Set(
    rows.map((r) => r.search(/(scenario|registry|image-updater|git|application|deployment|pod|service|probe) /)),
  );
  t.is(offsets.size, 1);
});

test('expectations show ✓/✗, the failure message and its timeline slice; the summary counts and times the run', (t) => {
  const out = renderTerminalReport(sampleRun());
  t.regex(out, /✓ application argocd\/letsgo-dev Synced within 10s after push/);
  t.regex(out, /✗ probe dev\/letsgo never fails during the rollout\n\s+probe dev\/letsgo failed at \+6\.8s/);
  // The slice follows the failure message, indented under it.
  t.regex(
    out,
    /recovered at \+7\.2s\)\n {8}\+6\.5s\s+pod\s+dev\/letsgo-5c8b-q9wz1\s+terminating on worker-2\n {8}\+6\.8s\s+probe/,
  );
  t.regex(out, /image-bump — Image bump: a new tag rolls out to dev {2}✗ failed/);
  t.regex(out, /drift-self-heal — Drift self-heal: a manual scale is reverted {2}✓ passed/);
  t.regex(out, /2 scenarios: 1 passed, 1 failed · simulated 20\.0s in 2\.8s wall time\n$/);
  t.regex(out, /embedded · speed 10× · seed 42 · sim 12\.0s · wall 1\.8s/);
});

test('no escape codes unless colour is asked for; with colour the text is the same once stripped', (t) => {
  const plain = renderTerminalReport(sampleRun());
  t.false(plain.includes('\x1b'));
  const colored = renderTerminalReport(sampleRun(), { color: true });
  // Failure events are red rows; others are not.
  const rows = colored.split('\n');
  t.true(rows.some((r) => r.startsWith('  \x1b[31m+6.8s') && r.endsWith('connection refused\x1b[39m')));
  t.regex(colored, /\n {2}\+6\.3s\s+probe\s+dev\/letsgo\s+answers 1\.1\.0\n/);
  t.is(stripAnsi(colored), plain);
});

test('writeTerminalReport: no colour when not a TTY or NO_COLOR is set; cuts rows to the terminal width', (t) => {
  const pipe = capture(false);
  writeTerminalReport(pipe.stream, sampleRun(), { env: {} });
  t.false(pipe.text().includes('\x1b'));

  const noColor = capture(true, 200);
  writeTerminalReport(noColor.stream, sampleRun(), { env: { NO_COLOR: '1' } });
  t.false(noColor.text().includes('\x1b'));

  const tty = capture(true, 60);
  writeTerminalReport(tty.stream, sampleRun(), { env: {} });
  t.true(tty.text().includes('\x1b['));
  const timelineRows = stripAnsi(tty.text())
    .split('\n')
    .filter((l) => /^ {2}\+\d/.test(l));
  t.true(timelineRows.length > 10);
  for (const row of timelineRows) t.true([...row].length <= 60, row);
  t.true(timelineRows.some((r) => r.endsWith('…')));
});

test('timeline: "failed" prints the table only for failed scenarios; a scenario error and failed steps are shown', (t) => {
  const run = sampleRun();
  const bump = run.scenarios[0]!;
  bump.error = 'set-up failed:\nregistry did not start';
  bump.steps[1] = { name: 'wait for rollout', at: bump.startedAt, passed: false, error: 'timed out after 60s' };
  const out = renderTerminalReport(run, { timeline: 'failed' });
  t.regex(out, /error: set-up failed: ⏎ registry did not start/);
  t.regex(out, /✗ step wait for rollout: timed out after 60s/);
  t.regex(out, /push image registry\.local\/letsgo:1\.1\.0/);
  t.notRegex(out, /kubectl scale deployment letsgo --replicas=5/);
});

test('an empty run still has a summary line', (t) => {
  t.is(
    renderTerminalReport({ scenarios: [], passed: true }),
    '0 scenarios: 0 passed, 0 failed · simulated 0ms in 0ms wall time\n',
  );
});
