import type { KubeObject } from '../../../kube/object.ts';
import { at, type Draft, subjectOf } from './draft.ts';

function readyOf(node: KubeObject | undefined): { status?: string; reason?: string } {
  const conditions = (at(node, 'status', 'conditions') as { type: string; status: string; reason?: string }[]) ?? [];
  const ready = conditions.find((c) => c.type === 'Ready');
  return ready ? { status: ready.status, ...(ready.reason ? { reason: ready.reason } : {}) } : {};
}

function taintsOf(node: KubeObject | undefined): string[] {
  const taints = (at(node, 'spec', 'taints') as { key: string; effect: string }[]) ?? [];
  return taints.map((t) => `${t.key}:${t.effect}`).sort();
}

/** Node `ready` (the Ready condition's status) and `taints` (`key:effect`, sorted) transitions. */
export function nodeTransitions(node: KubeObject | undefined, previous: KubeObject | undefined): Draft[] {
  if (!node) return [];
  const subject = subjectOf(node);
  const drafts: Draft[] = [];
  const ready = readyOf(node);
  if (ready.status && ready.status !== readyOf(previous).status) {
    drafts.push({
      component: 'node',
      type: 'ready',
      subject,
      message: `Ready ${ready.status}${ready.reason ? ` (${ready.reason})` : ''}`,
      data: { status: ready.status, ...(ready.reason ? { reason: ready.reason } : {}) },
    });
  }
  const taints = taintsOf(node);
  const before = previous ? taintsOf(previous) : [];
  if (taints.join() !== before.join()) {
    drafts.push({
      component: 'node',
      type: 'taints',
      subject,
      message: taints.length > 0 ? taints.join(', ') : 'no taints',
      data: { taints },
    });
  }
  return drafts;
}
