import test from 'ava';
import { resolveFenceposts } from '../../../../src/kube/controllers/deployment/fenceposts.ts';
import {
  computeHash,
  fnv32a,
  safeEncodeString,
} from '../../../../src/kube/controllers/deployment/pod-template-hash.ts';

test('fnv32a matches the FNV-1a reference vectors', (t) => {
  const enc = (s: string) => new TextEncoder().encode(s);
  t.is(fnv32a(enc('')), 0x811c9dc5);
  t.is(fnv32a(enc('a')), 0xe40c292c);
  t.is(fnv32a(enc('foobar')), 0xbf9cf968);
});

test('safeEncodeString maps decimal digits as Kubernetes does (docs: nginx-deployment-75675f5897)', (t) => {
  // Digits map to 4..9,b,c,d,f: the docs' RS suffix 75675f5897 is the encoding of Sum32 3123191453.
  t.is(safeEncodeString('0123456789'), '456789bcdf');
  t.is(safeEncodeString('3123191453'), '75675f5897');
});

test('computeHash: stable, key-order independent, changed by collisionCount', (t) => {
  const a = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1' }] } };
  const b = { spec: { containers: [{ image: 'nginx:1', name: 'web' }] }, metadata: { labels: { app: 'web' } } };
  t.is(computeHash(a), computeHash(b));
  t.regex(computeHash(a), /^[4-9bcdf]{1,10}$/);
  t.not(computeHash(a, 1), computeHash(a));
  t.not(computeHash(a, 0), computeHash(a));
});

test('maxSurge rounds up, maxUnavailable down, both 0 gives maxUnavailable 1', (t) => {
  const table: [number | string, number | string, number, number, number][] = [
    ['25%', '25%', 4, 1, 1],
    ['25%', '25%', 3, 1, 0],
    ['25%', '25%', 1, 1, 0],
    ['25%', '25%', 10, 3, 2],
    ['0%', '25%', 3, 0, 1],
    [0, 0, 5, 0, 1],
    ['10%', '10%', 5, 1, 0],
    [2, 1, 4, 2, 1],
  ];
  for (const [surge, unavailable, replicas, s, u] of table) {
    t.deepEqual(
      resolveFenceposts(surge, unavailable, replicas),
      { surge: s, unavailable: u },
      `${surge}/${unavailable} of ${replicas}`,
    );
  }
});
