import test from 'ava';
import { ManualClock } from '../../src/clock/index.ts';
import { TimelineError } from '../../src/timeline/errors.ts';
import { formatSlice } from '../../src/timeline/format.ts';
import { appSynced, gitPushed } from '../../src/timeline/matchers.ts';
import { Timeline } from '../../src/timeline/timeline.ts';
import { ev, T0 } from './events.ts';

test('events stay ordered by time, same-instant events in recording order, late ones where they belong', (t) => {
  const timeline = new Timeline();
  const a = ev(1, 'git', 'push', 'a');
  const b = ev(1, 'git', 'push', 'b');
  const late = ev(0.5, 'git', 'push', 'late');
  timeline.record(a);
  timeline.record(b);
  timeline.record(late);
  t.deepEqual(
    timeline.events().map((e) => e.subject),
    ['late', 'a', 'b'],
  );
  t.true(timeline.isAfter(b, a));
  t.false(timeline.isAfter(a, b));
  t.deepEqual(timeline.events({ subject: 'b' }), [b]);
  t.deepEqual(timeline.events(gitPushed('late')), [late]);
  t.deepEqual(timeline.slice(a, b), [a, b]);
  t.deepEqual(timeline.slice(T0, T0 + 600), [late]);
});

test('action stamps the clock, and listeners hear events until they unsubscribe', (t) => {
  const clock = new ManualClock(T0);
  const timeline = new Timeline({ clock });
  const heard: string[] = [];
  const off = timeline.on((e) => heard.push(e.subject));
  const pushed = timeline.action('push-image', { tag: 'v2' });
  off();
  timeline.action('ignored');
  t.deepEqual(heard, ['push-image']);
  t.is(pushed.at, T0);
  t.is(pushed.component, 'scenario');
  t.deepEqual(pushed.data, { tag: 'v2', action: 'push-image' });
  t.is(pushed.message, 'tag=v2');
});

test('waitFor finds a recorded event at once and a later one when it comes, only after `after`', async (t) => {
  const clock = new ManualClock(T0);
  const timeline = new Timeline({ clock });
  const first = ev(0, 'application', 'sync-status', 'argocd/web', { status: 'Synced' });
  timeline.record(first);
  t.is(await timeline.waitFor(appSynced('web')), first);
  const push = timeline.action('push');
  const waiting = timeline.waitFor(appSynced('web'), { after: push, timeout: '10s' });
  await clock.advance(2000);
  const second = { ...first, at: clock.now() };
  timeline.record(second);
  t.is(await waiting, second);
});

test('waitFor times out on the clock with the recent events in its message', async (t) => {
  const clock = new ManualClock(T0);
  const timeline = new Timeline({ clock });
  const push = timeline.action('push');
  timeline.record(ev(1, 'application', 'sync-status', 'argocd/web', { status: 'OutOfSync' }, 'OutOfSync at bbbbbbb'));
  const waiting = timeline.waitFor(appSynced('web'), { after: push, timeout: '5s' });
  await clock.advance(5000);
  const error = await t.throwsAsync(waiting, { instanceOf: TimelineError });
  t.is(error?.code, 'WaitTimeout');
  t.is(
    error?.message,
    'timed out after 5s waiting for application web Synced after action push; the latest events:\n' +
      '+0.0s scenario push action\n' +
      '+1.0s application argocd/web sync-status OutOfSync at bbbbbbb',
  );
});

test('waitFor stops when its signal aborts', async (t) => {
  const clock = new ManualClock(T0);
  const timeline = new Timeline({ clock });
  const controller = new AbortController();
  const waiting = timeline.waitFor(appSynced('web'), { signal: controller.signal });
  controller.abort(new Error('scenario cancelled'));
  await t.throwsAsync(waiting, { message: 'scenario cancelled' });
  t.is(clock.pending, 0);
});

test('formatSlice prints times relative to an origin', (t) => {
  const events = [
    ev(12.3, 'application', 'sync-status', 'argocd/letsgo-dev', { status: 'Synced' }, 'Synced at 3f2a1c0'),
    ev(9, 'node', 'ready', 'worker-2', { status: 'Unknown' }, 'Unknown'),
  ];
  t.is(
    formatSlice(events, T0 + 10_000),
    '+2.3s application argocd/letsgo-dev sync-status Synced at 3f2a1c0\n-1.0s node worker-2 ready Unknown',
  );
});
