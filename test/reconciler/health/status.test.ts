import test from 'ava';
import { HEALTH_ORDER, isWorse } from '../../../src/reconciler/health/index.ts';

test('the order is gitops-engine healthOrder and isWorse follows it', (t) => {
  t.deepEqual([...HEALTH_ORDER], ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown']);
  const cases: [Parameters<typeof isWorse>[0], Parameters<typeof isWorse>[1], boolean][] = [
    ['Healthy', 'Suspended', true],
    ['Suspended', 'Progressing', true],
    ['Progressing', 'Missing', true],
    ['Missing', 'Degraded', true],
    ['Degraded', 'Unknown', true],
    ['Unknown', 'Healthy', false],
    ['Degraded', 'Progressing', false],
    ['Healthy', 'Healthy', false],
  ];
  for (const [current, next, worse] of cases) t.is(isWorse(current, next), worse, `${current} → ${next}`);
});
