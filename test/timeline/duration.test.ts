import test from 'ava';
import { formatDuration, parseDuration } from '../../src/timeline/duration.ts';
import { TimelineError } from '../../src/timeline/errors.ts';

test('durations read as simulated milliseconds', (t) => {
  t.is(parseDuration('500ms'), 500);
  t.is(parseDuration('10s'), 10_000);
  t.is(parseDuration('1.5s'), 1500);
  t.is(parseDuration('2m'), 120_000);
  t.is(parseDuration('1h'), 3_600_000);
  t.is(parseDuration(250), 250);
  t.is(parseDuration('9m30s'), 570_000);
  t.is(parseDuration('1h2m3s'), 3_723_000);
  t.is(parseDuration('1s500ms'), 1500);
});

test('a bad duration is a TimelineError that shows the accepted forms', (t) => {
  const error = t.throws(() => parseDuration('10 seconds'), { instanceOf: TimelineError });
  t.is(error?.code, 'InvalidDuration');
  t.regex(error?.message ?? '', /'10s'/);
  t.throws(() => parseDuration(-1));
  t.throws(() => parseDuration('10'));
  t.throws(() => parseDuration('5 m'));
});

test('durations format short', (t) => {
  t.is(formatDuration(500), '500ms');
  t.is(formatDuration(12_300), '12.3s');
  t.is(formatDuration(10_000), '10s');
  t.is(formatDuration(125_000), '2m5s');
  t.is(formatDuration(3_720_000), '1h2m');
});
