import type { KubeObject } from '../../../kube/object.ts';
import { at, type Draft, short, str, subjectOf } from './draft.ts';

interface AppState {
  sync?: string;
  revision?: string;
  health?: string;
  healthMessage?: string;
  phase?: string;
  startedAt?: string;
  operationRevision?: string;
  operationMessage?: string;
}

function stateOf(app: KubeObject | undefined): AppState {
  if (!app) return {};
  const status = app['status'];
  const op = at(status, 'operationState');
  const opRevision =
    str(at(op, 'syncResult', 'revision')) ??
    str(at(op, 'operation', 'sync', 'revision')) ??
    str(at(op, 'syncResult', 'revisions', 0));
  const state: AppState = {};
  const assign = (key: keyof AppState, value: string | undefined) => {
    if (value !== undefined) state[key] = value;
  };
  assign('sync', str(at(status, 'sync', 'status')));
  assign('revision', str(at(status, 'sync', 'revision')) ?? str(at(status, 'sync', 'revisions', 0)));
  assign('health', str(at(status, 'health', 'status')));
  assign('healthMessage', str(at(status, 'health', 'message')));
  assign('phase', str(at(op, 'phase')));
  assign('startedAt', str(at(op, 'startedAt')));
  assign('operationRevision', opRevision);
  assign('operationMessage', str(at(op, 'message')));
  return state;
}

/** Application `sync-status`, `health` and `operation` transitions (a new operation counts even in the same phase). */
export function applicationTransitions(app: KubeObject | undefined, previous: KubeObject | undefined): Draft[] {
  if (!app) return [];
  const now = stateOf(app);
  const before = stateOf(previous);
  const subject = subjectOf(app);
  const drafts: Draft[] = [];
  if (now.sync && (now.sync !== before.sync || now.revision !== before.revision)) {
    drafts.push({
      component: 'application',
      type: 'sync-status',
      subject,
      message: `${now.sync} at ${short(now.revision)}`,
      data: { status: now.sync, revision: now.revision ?? '' },
    });
  }
  if (now.health && now.health !== before.health) {
    drafts.push({
      component: 'application',
      type: 'health',
      subject,
      message: now.health + (now.healthMessage ? `: ${now.healthMessage}` : ''),
      data: { status: now.health, ...(now.healthMessage ? { message: now.healthMessage } : {}) },
    });
  }
  if (now.phase && (now.phase !== before.phase || now.startedAt !== before.startedAt)) {
    drafts.push({
      component: 'application',
      type: 'operation',
      subject,
      message:
        `${now.phase}${now.operationRevision ? ` at ${short(now.operationRevision)}` : ''}` +
        (now.operationMessage ? `: ${now.operationMessage}` : ''),
      data: {
        phase: now.phase,
        ...(now.operationRevision ? { revision: now.operationRevision } : {}),
        ...(now.operationMessage ? { message: now.operationMessage } : {}),
      },
    });
  }
  return drafts;
}
