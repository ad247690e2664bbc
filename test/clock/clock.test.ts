import test from 'ava';
import { ManualClock, Random, ScaledClock } from '../../src/clock/index.ts';

test('a manual clock fires timers in due order and only when advanced past them', async (t) => {
  const clock = new ManualClock(0);
  const fired: string[] = [];
  clock.setTimer(20, () => fired.push('b'));
  clock.setTimer(10, () => fired.push('a'));
  const cancel = clock.setTimer(15, () => fired.push('cancelled'));
  cancel();
  await clock.advance(12);
  t.deepEqual(fired, ['a']);
  t.is(clock.now(), 12);
  await clock.advance(8);
  t.deepEqual(fired, ['a', 'b']);
  t.is(clock.pending, 0);
});

test('a manual clock sleep rejects with the abort reason', async (t) => {
  const clock = new ManualClock(0);
  const controller = new AbortController();
  const sleeping = clock.sleep(1000, controller.signal);
  controller.abort(new Error('stop'));
  await t.throwsAsync(sleeping, { message: 'stop' });
  t.is(clock.pending, 0);
});

test('a scaled clock runs simulated time faster by its speed', async (t) => {
  const clock = new ScaledClock({ speed: 100, start: 0 });
  const before = clock.now();
  await clock.sleep(1000); // 10 ms of wall time
  const elapsed = clock.now() - before;
  t.true(elapsed >= 1000, `elapsed ${elapsed}`);
  t.true(elapsed < 60_000, `elapsed ${elapsed}`);
});

test('a scaled clock refuses a speed that is not positive', (t) => {
  t.throws(() => new ScaledClock({ speed: 0 }), { message: /positive/ });
});

test('the same seed gives the same random sequence', (t) => {
  const a = new Random(42);
  const b = new Random(42);
  const c = new Random(43);
  const seqA = Array.from({ length: 5 }, () => a.next());
  t.deepEqual(
    seqA,
    Array.from({ length: 5 }, () => b.next()),
  );
  t.notDeepEqual(
    seqA,
    Array.from({ length: 5 }, () => c.next()),
  );
  for (const x of seqA) t.true(x >= 0 && x < 1);
  t.regex(new Random(1).suffix(5), /^[a-z2-9]{5}$/);
});
