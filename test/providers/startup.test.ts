import test from 'ava';
import { Startup, type StepEvent } from '../../src/providers/startup.ts';

test('steps report start and end with timings; close stops what started in reverse order', async (t) => {
  const events: StepEvent[] = [];
  const stopped: string[] = [];
  const startup = new Startup({ onStep: (event) => events.push(event) });
  for (const name of ['git', 'registry', 'cluster']) {
    await startup.step(`start ${name}`, async () => name);
    startup.onClose(name, () => {
      stopped.push(name);
    });
  }
  await startup.close();
  await startup.close();
  t.deepEqual(stopped, ['cluster', 'registry', 'git']);
  t.deepEqual(
    events.map((e) => `${e.state} ${e.title}`),
    ['start git', 'start registry', 'start cluster'].flatMap((title) => [`started ${title}`, `done ${title}`]),
  );
  t.true(events.filter((e) => e.state === 'done').every((e) => typeof e.ms === 'number' && e.ms >= 0));
});

test('a failing step is reported with its error, and only what started before it is stopped', async (t) => {
  const events: StepEvent[] = [];
  const stopped: string[] = [];
  const startup = new Startup({ onStep: (event) => events.push(event) });
  await startup.step('start git', async () => {});
  startup.onClose('git', () => {
    stopped.push('git');
  });
  await t.throwsAsync(
    startup.step('start cluster', async () => {
      throw new Error('port in use');
    }),
    { message: 'port in use' },
  );
  await startup.close();
  t.deepEqual(stopped, ['git']);
  t.like(events.at(-1), { state: 'failed', title: 'start cluster', error: 'port in use' });
});

test('an aborted start-up refuses the next step; a failing teardown does not stop the others', async (t) => {
  const controller = new AbortController();
  const stopped: string[] = [];
  const startup = new Startup({ signal: controller.signal });
  await startup.step('one', async () => {});
  startup.onClose('one', () => {
    stopped.push('one');
  });
  startup.onClose('two', () => {
    throw new Error('two would not stop');
  });
  startup.onClose('three', () => {
    stopped.push('three');
  });
  controller.abort(new Error('interrupted'));
  await t.throwsAsync(
    startup.step('four', async () => {}),
    { message: 'interrupted' },
  );
  await t.throwsAsync(startup.close(), { message: 'two would not stop' });
  t.deepEqual(stopped, ['three', 'one']);
});
