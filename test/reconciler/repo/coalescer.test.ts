import test from 'ava';
import { Coalescer } from '../../../src/reconciler/repo/abortable.ts';

test('concurrent runs of one key share one operation; a later run starts anew', async (t) => {
  const coalescer = new Coalescer<number>();
  let started = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const op = async () => {
    started++;
    await gate;
    return started;
  };
  const runs = [coalescer.run('a', op), coalescer.run('a', op), coalescer.run('b', op)];
  release();
  t.deepEqual(await Promise.all(runs), [2, 2, 2]);
  t.is(started, 2);
  t.is(await coalescer.run('a', op), 3);
});

test('a failed run is not remembered', async (t) => {
  const coalescer = new Coalescer<string>();
  await t.throwsAsync(
    coalescer.run('k', () => Promise.reject(new Error('boom'))),
    { message: 'boom' },
  );
  t.is(await coalescer.run('k', () => Promise.resolve('ok')), 'ok');
});
