import test from 'ava';
import { globMatch } from '../../../src/reconciler/render/index.ts';

test('globs follow gobwas/glob without separators', (t) => {
  t.true(globMatch('*.yaml', 'a.yaml'));
  t.true(globMatch('*.yaml', 'dir/a.yaml'), '* crosses /');
  t.true(globMatch('prod/**', 'prod/x/y.yaml'));
  t.true(globMatch('{a,b}.json', 'b.json'));
  t.true(globMatch('{config.json,env-usw2/*}', 'env-usw2/x.yaml'));
  t.true(globMatch('{a,{b,c}}.yaml', 'c.yaml'), 'nested alternation');
  t.true(globMatch('?.yaml', 'x.yaml'));
  t.true(globMatch('[a-c].yaml', 'b.yaml'));
  t.false(globMatch('[!a-c].yaml', 'b.yaml'));
  t.true(globMatch('a\\*.yaml', 'a*.yaml'));
  t.false(globMatch('a\\*.yaml', 'ab.yaml'));
  t.false(globMatch('*.yml', 'a.yaml'));
  t.false(globMatch('{a,b', 'a'), 'a pattern that does not compile matches nothing');
  t.false(globMatch('config.json', 'sub/config.json'), 'anchored at both ends');
});
