import test from 'ava';
import {
  fieldSelectorMatcher,
  fieldTableFor,
  parseFieldSelector,
  SelectorError,
} from '../../../src/kube/labels/index.ts';
import type { KubeObject } from '../../../src/kube/object.ts';

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'default' },
  spec: { nodeName: 'node-a', restartPolicy: 'Always' },
  status: { phase: 'Running', podIP: '10.244.0.5' },
};

test('field selectors parse =, == and !=, sorted, and print canonically', (t) => {
  const selector = parseFieldSelector('status.phase!=Failed,metadata.name==web-1');
  t.deepEqual(selector.requirements, [
    { field: 'metadata.name', operator: '=', value: 'web-1' },
    { field: 'status.phase', operator: '!=', value: 'Failed' },
  ]);
  t.is(selector.toString(), 'metadata.name=web-1,status.phase!=Failed');
  t.true(parseFieldSelector('').empty);
  t.is(parseFieldSelector('metadata.name=a\\,b').requirements[0]?.value, 'a,b');
});

test('field selector syntax errors carry the apiserver messages', (t) => {
  t.is(t.throws(() => parseFieldSelector('foo'))?.message, "invalid selector: 'foo'; can't understand 'foo'");
  t.is(
    t.throws(() => parseFieldSelector('a=b=c'))?.message,
    'invalid field selector: unescaped character in value: 61',
  );
  t.is(t.throws(() => parseFieldSelector('a=b\\x'))?.message, 'invalid field selector: invalid escape sequence: \\x');
  t.true(t.throws(() => parseFieldSelector('foo')) instanceof SelectorError);
});

test('pods match on the fields Kubernetes indexes', (t) => {
  const table = fieldTableFor({ group: '', kind: 'Pod' });
  const match = (text: string) => fieldSelectorMatcher(parseFieldSelector(text), table)(pod);
  t.true(match('spec.nodeName=node-a,status.phase=Running'));
  t.true(match('spec.host=node-a'));
  t.false(match('status.phase!=Running'));
  t.true(match('status.nominatedNodeName='));
  t.true(match('metadata.namespace=default,metadata.name=web-1'));
});

test('unknown fields are rejected before matching, with the per-kind message', (t) => {
  const podTable = fieldTableFor({ group: '', kind: 'Pod' });
  t.is(
    t.throws(() => fieldSelectorMatcher(parseFieldSelector('spec.foo=x'), podTable))?.message,
    'field label not supported: spec.foo',
  );
  const nodeTable = fieldTableFor({ group: '', kind: 'Node' });
  t.is(
    t.throws(() => fieldSelectorMatcher(parseFieldSelector('metadata.namespace=x'), nodeTable))?.message,
    'field label not supported: metadata.namespace',
  );
  const deployments = fieldTableFor({ group: 'apps', kind: 'Deployment' });
  t.is(
    t.throws(() => fieldSelectorMatcher(parseFieldSelector('spec.replicas=1'), deployments))?.message,
    '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"',
  );
  t.is(
    t.throws(() => fieldSelectorMatcher(parseFieldSelector('spec.x=1'), { 'metadata.name': () => 'a' }))?.message,
    'field label not supported: spec.x',
  );
});

test('counters and booleans compare as Go prints them', (t) => {
  const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: {} };
  const nodes = fieldTableFor({ group: '', kind: 'Node' });
  t.true(fieldSelectorMatcher(parseFieldSelector('spec.unschedulable=false'), nodes)(node));
  const job: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, status: { succeeded: 1 } };
  const jobs = fieldTableFor({ group: 'batch', kind: 'Job' });
  t.true(fieldSelectorMatcher(parseFieldSelector('status.successful=1'), jobs)(job));
  const event: KubeObject = {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'e', namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'web-1' },
    source: { component: 'kubelet' },
    type: 'Warning',
  };
  const events = fieldTableFor({ group: '', kind: 'Event' });
  t.true(
    fieldSelectorMatcher(parseFieldSelector('involvedObject.name=web-1,source=kubelet,type=Warning'), events)(event),
  );
});
