import test from 'ava';
import { labelSelectorFromObject, parseLabelSelector, SelectorError } from '../../../src/kube/labels/index.ts';

const matching: [string, Record<string, string> | undefined, boolean][] = [
  ['app=web', { app: 'web' }, true],
  ['app==web', { app: 'db' }, false],
  ['app!=web', {}, true],
  ['app!=web', { app: 'web' }, false],
  ['env in (prod,staging)', { env: 'staging' }, true],
  ['env in (prod)', undefined, false],
  ['env notin (prod)', undefined, true],
  ['env notin (prod)', { env: 'prod' }, false],
  ['tier', { tier: '' }, true],
  ['!tier', { tier: 'x' }, false],
  ['!tier', undefined, true],
  ['app=web,tier', { app: 'web' }, false],
  ['app=', { app: '' }, true],
  ['x in (a,,b)', { x: '' }, true],
  ['replicas>2', { replicas: '3' }, true],
  ['replicas<2', { replicas: 'x' }, false],
  ['', { any: 'thing' }, true],
  [' app = web , in in (in) ', { app: 'web', in: 'in' }, true],
];

for (const [text, labels, expected] of matching) {
  test(`label selector ${JSON.stringify(text)} ${expected ? 'matches' : 'rejects'} ${JSON.stringify(labels)}`, (t) => {
    t.is(parseLabelSelector(text).matches(labels), expected);
  });
}

test('label selectors print sorted by key with sorted, deduplicated values', (t) => {
  t.is(parseLabelSelector('z=1,b notin (y,x,y),a,!c').toString(), 'a,b notin (x,y),!c,z=1');
  t.is(parseLabelSelector('a==1').toString(), 'a==1');
  t.true(parseLabelSelector('').empty);
  t.false(parseLabelSelector('a').empty);
});

const errors: [string, string][] = [
  ['app=web,', "found '', expected: identifier after ','"],
  ['app web', "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt"],
  ['app=web x', "found 'x', expected: ',' or 'end of string'"],
  ['=web', "found '=', expected: !, identifier, or 'end of string'"],
  ['app in web', "unable to parse requirement: found 'web' expected: '('"],
  ['app in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
  ['app (a)', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
  ['!app=b', "found '=', expected: ',' or 'end of string'"],
  ['app=(', "unable to parse requirement: found '(', expected: identifier"],
  [
    'a_-=1',
    `unable to parse requirement: <nil>: Invalid value: "a_-": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
  ],
  [
    'a=-b',
    `unable to parse requirement: values[0][a]: Invalid value: "-b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  ],
  [
    'a>b',
    `unable to parse requirement: values[0]: Invalid value: "b": for 'Gt', 'Lt' operators, the value must be an integer`,
  ],
];

for (const [text, message] of errors) {
  test(`label selector ${JSON.stringify(text)} fails like Kubernetes`, (t) => {
    const error = t.throws(() => parseLabelSelector(text), { instanceOf: SelectorError });
    t.is(error?.message, message);
    t.is(error?.code, 'InvalidSelector');
  });
}

test('a metav1.LabelSelector converts: nil matches nothing, empty matches everything', (t) => {
  t.false(labelSelectorFromObject(undefined).matches({ a: 'b' }));
  t.true(labelSelectorFromObject({}).matches({ a: 'b' }));
  t.true(labelSelectorFromObject({}).empty);
  const selector = labelSelectorFromObject({
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'env', operator: 'In', values: ['prod', 'dev'] },
      { key: 'legacy', operator: 'DoesNotExist' },
      { key: 'tier', operator: 'Exists' },
      { key: 'zone', operator: 'NotIn', values: ['a'] },
    ],
  });
  t.is(selector.toString(), 'app=web,env in (dev,prod),!legacy,tier,zone notin (a)');
  t.true(selector.matches({ app: 'web', env: 'dev', tier: 'x' }));
  t.false(selector.matches({ app: 'web', env: 'dev', tier: 'x', legacy: 'y' }));
});

test('a metav1.LabelSelector with a bad operator or empty In values is rejected', (t) => {
  t.is(
    t.throws(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Equals' }] }))?.message,
    '"Equals" is not a valid label selector operator',
  );
  t.is(
    t.throws(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }))?.message,
    "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty",
  );
});
