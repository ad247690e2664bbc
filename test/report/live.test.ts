import test from 'ava';
import { ManualClock } from '../../src/clock/index.ts';
import { stripAnsi } from '../../src/report/ansi.ts';
import { createLiveView } from '../../src/report/live.ts';
import { SPINNER_FRAMES } from '../../src/report/live-tty.ts';
import { imageBumpResult, sampleRun } from './support/image-bump.ts';
import { Screen } from './support/screen.ts';

function capture() {
  let text = '';
  return { stream: { write: (chunk: string) => (text += chunk) }, text: () => text };
}

test('non-TTY: plain append-only lines, step starts included, no escape codes, summary on close', (t) => {
  const out = capture();
  const view = createLiveView(out.stream, { tty: false, env: {} });
  const bump = imageBumpResult();
  view.scenarioStarted(bump.name, bump.title);
  view.stepStarted('push image 1.1.0');
  view.stepDone('push image 1.1.0', true);
  view.stepStarted('wait for rollout');
  view.stepDone('wait for rollout', false, 'timed out\nafter 60s');
  for (const e of bump.expectations) view.expectation(e);
  view.scenarioDone(bump);
  view.close(sampleRun());
  view.close(sampleRun());
  view.stepStarted('after close');

  t.false(out.text().includes('\x1b'));
  t.deepEqual(out.text().split('\n'), [
    '▶ image-bump  Image bump: a new tag rolls out to dev',
    '  … push image 1.1.0',
    '  ✓ push image 1.1.0',
    '  … wait for rollout',
    '  ✗ wait for rollout: timed out ⏎ after 60s',
    '  ✓ expect application argocd/letsgo-dev Synced within 10s after push',
    '  ✓ expect probe dev/letsgo answers 1.1.0 within 60s after push',
    '  ✗ expect probe dev/letsgo never fails during the rollout — probe dev/letsgo failed at +6.8s: connection refused (1 failure, recovered at +7.2s)',
    '✗ image-bump failed (1 of 3 expectations failed) · sim 12.0s · wall 1.8s',
    '2 scenarios: 1 passed, 1 failed · simulated 20.0s in 2.8s wall time',
    '',
  ]);
});

test('non-TTY honours an explicit colour request', (t) => {
  const out = capture();
  const view = createLiveView(out.stream, { tty: false, color: true });
  view.stepDone('x', false);
  t.true(out.text().includes('\x1b[31m'));
});

test('TTY: running steps spin in place and leave a ✓/✗ line; the final screen has no spinner and the cursor back', async (t) => {
  const clock = new ManualClock();
  const screen = new Screen(80);
  const view = createLiveView(screen, { tty: true, clock, frameMs: 100, env: {} });
  const bump = imageBumpResult();

  view.scenarioStarted(bump.name, bump.title);
  view.stepStarted('push image 1.1.0');
  t.false(screen.cursorVisible);
  t.is(
    stripAnsi(screen.text()),
    `▶ image-bump  Image bump: a new tag rolls out to dev\n  ${SPINNER_FRAMES[0]} push image 1.1.0`,
  );

  // Each frame redraws the same line: the screen keeps two lines and shows the next frame.
  await clock.advance(100);
  t.is(screen.lines.filter((l) => l !== '').length, 2);
  t.true(stripAnsi(screen.text()).endsWith(`  ${SPINNER_FRAMES[1]} push image 1.1.0`));
  t.true(screen.chunks.at(-1)!.startsWith('\x1b[1A\r\x1b[0J'), 'cursor up one line, clear, redraw');
  await clock.advance(300);
  t.true(stripAnsi(screen.text()).endsWith(`  ${SPINNER_FRAMES[4]} push image 1.1.0`));

  // A finished step is printed for good above the still-running ones.
  view.stepStarted('wait for rollout');
  view.stepDone('push image 1.1.0', true);
  t.deepEqual(stripAnsi(screen.text()).split('\n').slice(1), [
    '  ✓ push image 1.1.0',
    `  ${SPINNER_FRAMES[4]} wait for rollout`,
  ]);
  view.expectation(bump.expectations[2]!);
  view.stepDone('wait for rollout', false, 'timed out after 60s');
  view.scenarioDone(bump);
  t.is(clock.pending, 1, 'one frame timer left; it finds nothing running and stops');
  await clock.advance(100);
  t.is(clock.pending, 0);
  view.close(sampleRun());

  t.true(screen.cursorVisible);
  t.deepEqual(stripAnsi(screen.text()).split('\n'), [
    '▶ image-bump  Image bump: a new tag rolls out to dev',
    '  ✓ push image 1.1.0',
    '  ✗ expect probe dev/letsgo never fails during the rollout — probe dev/letsgo failed at +6.8s: connection refused (1 failure, recovered at +7.2s)',
    '  ✗ wait for rollout: timed out after 60s',
    '✗ image-bump failed (1 of 3 expectations failed) · sim 12.0s · wall 1.8s',
    '2 scenarios: 1 passed, 1 failed · simulated 20.0s in 2.8s wall time',
  ]);
  t.true(screen.chunks.join('').includes('\x1b[32m'), 'colour on a TTY without NO_COLOR');
});

test('TTY: live lines are cut to the terminal width so redraws never wrap; NO_COLOR turns colour off', (t) => {
  const screen = new Screen(30);
  const view = createLiveView(screen, { tty: true, clock: new ManualClock(), env: { NO_COLOR: '1' } });
  view.stepStarted('wait for application argocd/letsgo-dev to be Synced and Healthy');
  const live = screen.text();
  t.true([...live].length <= 29, live);
  t.true(live.endsWith('…'));
  view.close();
  t.false(screen.chunks.join('').includes('\x1b[3'), 'no colour codes');
  t.true(screen.cursorVisible);
  t.is(screen.text(), '');
});

test('TTY: close stops the spinner; a step left running by a failed scenario does not spin on', async (t) => {
  const clock = new ManualClock();
  const screen = new Screen();
  const view = createLiveView(screen, { tty: true, clock, frameMs: 50 });
  view.scenarioStarted('a', 'A');
  view.stepStarted('hangs');
  view.scenarioDone(imageBumpResult({ name: 'a', error: 'step hangs timed out' }));
  t.false(stripAnsi(screen.text()).includes('hangs\n'));
  t.notRegex(stripAnsi(screen.text()), /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
  view.stepStarted('again');
  view.close();
  t.is(clock.pending, 0);
  const written = screen.chunks.length;
  await clock.advance(1000);
  t.is(screen.chunks.length, written);
});
