import test from 'ava';
import { canonicalJson, jsonEqual } from '../../src/json/json-equal.ts';
import { milliQuantity } from '../../src/kube/quantity.ts';

test('JSON equality ignores key order and undefined members, not array order or types', (t) => {
  t.true(jsonEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }));
  t.true(jsonEqual({ a: 1, gone: undefined }, { a: 1 }));
  t.false(jsonEqual([1, 2], [2, 1]));
  t.false(jsonEqual({ a: 1 }, { a: '1' }));
  t.false(jsonEqual({ a: null }, {}));
});

test('canonical JSON sorts keys at every depth', (t) => {
  t.is(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[{"y":2,"z":1}]},"b":1}');
});

test('quantities in milli-units are exact, so sums compare as Quantity.Cmp does', (t) => {
  t.is(milliQuantity('0.1')! + milliQuantity('200m')!, milliQuantity('300m')!);
  t.is(milliQuantity('1Gi'), 1024 ** 3 * 1000);
  t.is(milliQuantity(2), 2000);
  t.is(milliQuantity('nonsense'), undefined);
});
