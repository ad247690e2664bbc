import test from 'ava';
import { ManualClock } from '../../src/clock/index.ts';
import { expect } from '../../src/timeline/expect.ts';
import {
  action,
  appHealthy,
  appOutOfSync,
  appSynced,
  endpointsReady,
  gitPushed,
  imageUpdated,
  operationFailed,
  operationSucceeded,
  podFailed,
  probeFailure,
  rolloutComplete,
  rolloutStarted,
  tagPushed,
} from '../../src/timeline/matchers.ts';
import {
  answeringVersion,
  atLeast,
  equals,
  probeFailures,
  readyEndpoints,
  replicasReady,
  state,
} from '../../src/timeline/state.ts';
import { Timeline } from '../../src/timeline/timeline.ts';
import { ev, story, T0 } from './events.ts';

const t0 = story();
const pushed = t0.find((e) => e.type === 'action')!;

test('an event within a duration after a reference event passes, with when it came', (t) => {
  const result = expect(t0).event(appSynced('letsgo-dev')).within('10s').after(pushed).check();
  t.true(result.passed);
  t.is(result.description, 'application letsgo-dev Synced within 10s after action push-image');
  t.is(result.message, 'application letsgo-dev Synced at +5.0s');
  t.is(result.at, T0 + 6000);
  t.is(result.slice, undefined);
  t.deepEqual(result.window, { from: T0 + 1000, to: T0 + 11_000 }, 'the window reports draw: push → push + 10 s');
});

test('rollouts start with an image; services have ready endpoints', (t) => {
  const e = expect(t0);
  const started = e.event(rolloutStarted('backend', 'letsgo/backend:v2')).after(pushed).check();
  t.true(started.passed);
  t.is(started.description, 'deployment backend rolls out letsgo/backend:v2 after action push-image');
  t.true(e.sequence(pushed, endpointsReady('backend', 0), endpointsReady('backend', 1)).check().passed);
  t.is(endpointsReady('web/backend', 1).description, 'service web/backend has 1 ready endpoint');
});

test('appSynced can name the revision, abbreviated', (t) => {
  const e = expect(t0);
  t.true(
    e
      .event(appSynced('letsgo-dev', { revision: 'bbbb' }))
      .after(pushed)
      .check().passed,
  );
  const other = e.event(appSynced('letsgo-dev', { revision: 'ccccccc0' })).check();
  t.false(other.passed);
  t.is(other.description, 'application letsgo-dev Synced at ccccccc');
});

test('too late fails, says when it came, and carries the slice of the window', (t) => {
  const result = expect(t0).event(appSynced('letsgo-dev')).within('3s').after(action('push-image')).check();
  t.false(result.passed);
  t.is(result.message, 'no application letsgo-dev Synced within 3s after action push-image; it came at +5.0s');
  t.is(result.at, T0 + 4000);
  // From three events before the push to three after the deadline.
  t.is(result.slice![0], t0[0]);
  t.true(result.slice!.includes(pushed));
  t.true(result.slice!.every((e) => e.at <= T0 + 6000));
});

test('an event in hand can be checked for when it came', (t) => {
  const synced = t0.findLast((e) => e.type === 'sync-status' && e.data?.['status'] === 'Synced')!;
  t.true(expect(t0).event(synced).within('10s').after(pushed).check().passed);
  const late = expect(t0).event(synced).within('2s').after(pushed).check();
  t.false(late.passed);
  t.is(
    late.message,
    'no application argocd/letsgo-dev sync-status within 2s after action push-image; it came at +5.0s',
  );
});

test('a reference that never happened fails with that reason', (t) => {
  const result = expect(t0).event(appSynced('letsgo-dev')).after(action('rollback')).check();
  t.false(result.passed);
  t.is(result.message, 'action rollback never happened, so there is nothing to measure from');
});

test('before bounds the window by another event', (t) => {
  const e = expect(t0);
  t.true(
    e
      .event(imageUpdated('letsgo-dev', 'letsgo/backend', 'v2'))
      .before(gitPushed('apps'))
      .check().passed,
  );
  const late = e.event(appHealthy('letsgo-dev')).after(pushed).before(rolloutComplete('backend')).check();
  t.false(late.passed);
  t.is(
    late.message,
    'no application letsgo-dev Healthy after action push-image before deployment backend rolled out (at +8.0s); it came at +11.0s',
  );
});

test('never passes when nothing matches in the window and fails naming the offender', (t) => {
  const e = expect(t0);
  t.true(e.event(operationFailed('letsgo-dev')).never().check().passed);
  t.true(e.event(podFailed()).after(pushed).never().check().passed);
  const result = e.event(probeFailure('backend')).within('10s').after(pushed).never().check();
  t.false(result.passed);
  t.is(result.description, 'no probe of backend failed within 10s after action push-image');
  t.is(result.message, 'probe of backend failed at +6.3s');
  t.true(result.slice!.some((x) => x.type === 'failure'));
});

test('ordered takes first occurrences; sequence takes a subsequence', (t) => {
  const e = expect(t0);
  const inOrder = e.ordered(
    tagPushed('letsgo/backend', 'v2'),
    imageUpdated('letsgo-dev'),
    operationSucceeded('letsgo-dev'),
  );
  t.true(inOrder.check().passed);
  t.is(
    inOrder.check().message,
    'registry tag letsgo/backend:v2 +2.0s, image updater updated letsgo-dev +3.0s, application letsgo-dev operation Succeeded +6.0s',
  );
  // The first Synced is the one before the push, so in first-occurrence order it does not follow the push.
  const first = e.ordered(action('push-image'), appSynced('letsgo-dev')).check();
  t.false(first.passed);
  t.is(first.message, 'application letsgo-dev Synced (+0.0s) came before action push-image (+1.0s)');
  t.true(e.sequence(action('push-image'), appOutOfSync('letsgo-dev'), appSynced('letsgo-dev')).check().passed);
  const missing = e.sequence(action('push-image'), operationFailed('letsgo-dev')).check();
  t.false(missing.passed);
  t.is(missing.message, 'never saw application letsgo-dev operation Failed after +1.0s');
});

test('during/always folds state over the interval and reports the first instant it broke', (t) => {
  const e = expect(t0);
  const zeroDowntime = e
    .during(pushed, rolloutComplete('backend'))
    .always(state(readyEndpoints('backend'), atLeast(1)));
  const result = zeroDowntime.check();
  t.false(result.passed);
  t.is(
    result.description,
    'ready endpoints of backend >= 1 throughout from action push-image to deployment backend rolled out',
  );
  t.is(result.message, 'ready endpoints of backend was 0 at +6.0s after action push-image');
  t.is(result.at, T0 + 7000);
  t.true(result.slice!.some((x) => x.component === 'service' && x.data?.['ready'] === 0));
  // Up to the image update, endpoints never dipped.
  const early = e.during(pushed, imageUpdated('letsgo-dev')).always(state(readyEndpoints('backend'), atLeast(1)));
  t.true(early.check().passed);
  t.is(early.check().message, 'ready endpoints of backend held; 2 at the end');
  t.false(e.during(pushed).never(probeFailure('backend')).check().passed);
  t.true(e.during(pushed, tagPushed('letsgo/backend', 'v2')).never(probeFailure('backend')).check().passed);
});

test('a plain predicate works as a condition; final state checks the end', (t) => {
  const e = expect(t0);
  t.true(
    e
      .during(pushed)
      .always(state(probeFailures('backend'), (n) => n <= 2, 'at most 2'))
      .check().passed,
  );
  t.true(e.finalState(state(replicasReady('backend'), equals(2))).check().passed);
  t.true(
    e
      .during(pushed)
      .always(state(answeringVersion('backend'), equals('')))
      .check().passed,
    'no probe versions',
  );
  const failed = e.finalState(state(readyEndpoints('backend'), equals(2))).check();
  t.false(failed.passed);
  t.is(failed.description, 'ready endpoints of backend = 2 at the end');
  t.is(failed.message, 'ready endpoints of backend is 1');
});

test('on a live timeline, settle waits for the event or for the window to close', async (t) => {
  const clock = new ManualClock(T0);
  const timeline = new Timeline({ clock });
  const push = timeline.action('push');
  const synced = expect(timeline).event(appSynced('web')).within('10s').after(push);
  t.regex(synced.check().message, /still open/);
  const settling = synced.settle();
  await clock.advance(3000);
  timeline.record(ev(3, 'application', 'sync-status', 'argocd/web', { status: 'Synced' }));
  t.true((await settling).passed);

  const quiet = expect(timeline).event(podFailed()).within('5s').after(push).never().settle();
  await clock.advance(3000);
  await clock.advance(3000);
  const result = await quiet;
  t.true(result.passed);
  t.is(result.message, 'no pod failed');
});

test('settle gives up after its timeout when the reference never comes', async (t) => {
  const clock = new ManualClock(T0);
  const timeline = new Timeline({ clock });
  const settling = expect(timeline).event(appSynced('web')).after(action('push')).settle({ timeout: '1m' });
  await clock.advance(30_000);
  timeline.record(ev(30, 'node', 'ready', 'worker-1', { status: 'True' }));
  await clock.advance(31_000);
  const result = await settling;
  t.false(result.passed);
  t.is(result.message, 'action push never happened, so there is nothing to measure from');
});

test('live interval and order expectations settle once their events came, and fail early when broken', async (t) => {
  const clock = new ManualClock(T0);
  const timeline = new Timeline({ clock });
  timeline.record(ev(0, 'service', 'endpoints', 'web/backend', { ready: 2 }));
  const push = timeline.action('push');
  const zeroDowntime = expect(timeline)
    .during(push, rolloutComplete('backend'))
    .always(state(readyEndpoints('backend'), atLeast(1)))
    .settle();
  const inSequence = expect(timeline)
    .sequence(push, tagPushed('letsgo/backend', 'v2'), rolloutComplete('backend'))
    .settle();
  let settled = false;
  void zeroDowntime.then(() => {
    settled = true;
  });
  await clock.advance(1000);
  timeline.record(ev(1, 'registry', 'tag', 'letsgo/backend', { repository: 'letsgo/backend', tag: 'v2' }));
  await clock.advance(1000);
  t.false(settled, 'the interval has not ended');
  timeline.record(story().find((e) => e.component === 'deployment')!);
  const [interval, order] = await Promise.all([zeroDowntime, inSequence]);
  t.true(interval.passed, interval.message);
  t.true(order.passed, order.message);

  const broken = expect(timeline)
    .during(action('push'), action('never'))
    .always(state(readyEndpoints('backend'), atLeast(1)))
    .settle();
  timeline.record(ev(12, 'service', 'endpoints', 'web/backend', { ready: 0 }));
  const result = await broken;
  t.false(result.passed);
  t.regex(result.message, /ready endpoints of backend was 0 at \+12\.0s after action push/);
});
