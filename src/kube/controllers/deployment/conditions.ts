import type { Condition } from '../replicaset/types.ts';

export function getCondition(conditions: Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

export function newCondition(type: string, status: Condition['status'], reason: string, message: string, now: string) {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message } satisfies Condition;
}

/**
 * SetDeploymentCondition: the same status and reason leaves the condition alone; the same status keeps its
 * lastTransitionTime; the condition moves to the end of the list (deployment_util.go).
 */
export function setCondition(conditions: Condition[], condition: Condition): Condition[] {
  const current = getCondition(conditions, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return conditions;
  const next = { ...condition };
  if (current && current.status === condition.status && current.lastTransitionTime) {
    next.lastTransitionTime = current.lastTransitionTime;
  }
  return [...removeCondition(conditions, condition.type), next];
}

export function removeCondition(conditions: Condition[], type: string): Condition[] {
  return conditions.filter((c) => c.type !== type);
}
