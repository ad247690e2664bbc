import test from 'ava';
import { ManualClock } from '../../../src/clock/index.ts';
import { TimelineError } from '../../../src/timeline/errors.ts';
import { expect } from '../../../src/timeline/expect.ts';
import { startProbe } from '../../../src/timeline/probe/probe.ts';
import type { ProbeAnswer } from '../../../src/timeline/probe/transport.ts';
import { answeringVersion, equals, state } from '../../../src/timeline/state.ts';
import { Timeline } from '../../../src/timeline/timeline.ts';
import { T0 } from '../events.ts';

/** Answers from a script, one per request; the last one repeats. */
function scripted(answers: ProbeAnswer[]) {
  const asked: number[] = [];
  return {
    asked,
    transport: {
      async request() {
        asked.push(asked.length);
        return answers[Math.min(asked.length - 1, answers.length - 1)]!;
      },
    },
  };
}

/** Advances in small steps, letting the probe's promise chains settle between them. */
async function advance(clock: ManualClock, ms: number, step = 50): Promise<void> {
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
  for (let done = 0; done < ms; done += step) {
    await flush();
    await clock.advance(Math.min(step, ms - done));
  }
  await flush();
}

const v = (version: string): ProbeAnswer => ({ ok: true, version });
const down: ProbeAnswer = { ok: false, reason: 'connection refused: no ready endpoint' };

test('a probe asks at a steady simulated rate and records version changes, every failure and the recovery', async (t) => {
  const clock = new ManualClock(T0);
  const timeline = new Timeline({ clock });
  const { transport, asked } = scripted([v('v1'), v('v1'), down, down, down, v('v2'), v('v2')]);
  const probe = await startProbe({ service: 'web/backend', transport, clock, sink: timeline });
  await advance(clock, 1500);
  await probe.stop();
  t.is(asked.length, 7, 'at 0, 250, …, 1500 ms');
  t.deepEqual(
    timeline.events().map((e) => [e.at - T0, e.type, e.message]),
    [
      [0, 'version', 'answered by v1'],
      [500, 'failure', 'connection refused: no ready endpoint'],
      [750, 'failure', 'connection refused: no ready endpoint'],
      [1000, 'failure', 'connection refused: no ready endpoint'],
      [1250, 'recovered', 'answered again after 3 failed requests'],
      [1250, 'version', 'answered by v2 (was v1)'],
    ],
  );
  t.deepEqual(timeline.events()[5]!.data, { service: 'web/backend', version: 'v2', previous: 'v1' });
  t.deepEqual(probe.counts(), { total: 7, failed: 3, versions: { v1: 2, v2: 2 } });
  t.is(probe.version, 'v2');
  t.true(
    expect(timeline)
      .finalState(state(answeringVersion('web/backend'), equals('v2')))
      .check().passed,
  );
  await advance(clock, 1000);
  t.is(asked.length, 7, 'nothing after stop');
});

test('a slow transport skips the ticks it overran instead of bursting', async (t) => {
  const clock = new ManualClock(T0);
  const timeline = new Timeline({ clock });
  const times: number[] = [];
  const transport = {
    async request() {
      times.push(clock.now() - T0);
      if (times.length === 1) await clock.sleep(600);
      return v('v1');
    },
  };
  await using _probe = await startProbe({ service: 'web/backend', transport, clock, sink: timeline, intervalMs: 250 });
  await advance(clock, 1000);
  t.deepEqual(times, [0, 750, 1000]);
});

test('a service that is not namespace/name is refused', async (t) => {
  const clock = new ManualClock(T0);
  const error = await t.throwsAsync(
    startProbe({ service: 'backend', transport: scripted([]).transport, clock, sink: new Timeline() }),
    { instanceOf: TimelineError },
  );
  t.is(error?.code, 'InvalidService');
});
