import test from 'ava';
import { chooseTag } from '../../src/image-updater/strategy/choose.ts';
import { parseConstraint } from '../../src/image-updater/strategy/semver-tags.ts';
import { filterTags, parseAllowTags } from '../../src/image-updater/strategy/tag-filter.ts';

const tags = (...names: string[]) => names.map((tag) => ({ tag }));

test('semver: the highest version within the constraint; v prefixes and short versions; other tags skipped', (t) => {
  const candidates = tags('v1.0.0', 'v1.0.5', 'v1.1.0', 'v2.0.0', 'latest', 'v1.0', 'v1.0.10-rc.1');
  t.is(chooseTag('semver', candidates, parseConstraint('~1.0'))?.tag, 'v1.0.5');
  t.is(chooseTag('semver', candidates, parseConstraint('1.x'))?.tag, 'v1.1.0');
  t.is(chooseTag('semver', candidates)?.tag, 'v2.0.0');
  t.is(chooseTag('semver', candidates, parseConstraint('>=3'))?.tag, undefined);
  // A wildcard with a pre-release lets pre-releases in (Masterminds), as `2.x-0` in the real tool's docs.
  t.is(chooseTag('semver', tags('2.0.0', '2.1.0-beta.1'), parseConstraint('2.x-0'))?.tag, '2.1.0-beta.1');
  t.is(chooseTag('semver', tags('2.0.0', '2.1.0-beta.1'), parseConstraint('2.x'))?.tag, '2.0.0');
  t.is(parseConstraint('not one'), undefined);
});

test('newest-build: by created time, ties broken by the lexically highest tag; alphabetical: lexically highest', (t) => {
  const candidates = [
    { tag: 'b', created: 3 },
    { tag: 'a', created: 3 },
    { tag: 'z', created: 1 },
  ];
  t.is(chooseTag('newest-build', candidates)?.tag, 'b');
  t.is(chooseTag('alphabetical', candidates)?.tag, 'z');
  t.is(chooseTag('alphabetical', []), undefined);
});

test('allow-tags and ignore-tags', (t) => {
  const all = ['v1', 'v2-rc', 'main-3', 'latest'];
  t.deepEqual(filterTags(all, parseAllowTags('any'), []), all);
  t.deepEqual(filterTags(all, parseAllowTags('regexp:^v'), ['*-rc']), ['v1']);
  t.deepEqual(filterTags(all, parseAllowTags(undefined), ['*']), []);
  const bad = parseAllowTags('regexp:(');
  t.is(bad.kind, 'none');
  t.deepEqual(filterTags(all, bad, []), [], 'an invalid regexp matches nothing');
  t.is(parseAllowTags('glob:*').kind, 'none');
});
