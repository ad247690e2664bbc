import type { ApplicationConditionType, ApplicationStatus } from '../application/index.ts';

export type Condition = NonNullable<ApplicationStatus['conditions']>[number];

/**
 * argo-cd `ApplicationStatus.SetConditions(conditions, evaluatedTypes)`: every condition of an evaluated type is
 * replaced by the new ones of that type (so a type evaluated without a finding is cleared — recovery), conditions of
 * other types are kept; a condition whose type and message did not change keeps its lastTransitionTime.
 */
export function setConditions(
  existing: readonly Condition[] | undefined,
  found: readonly Omit<Condition, 'lastTransitionTime'>[],
  evaluated: readonly ApplicationConditionType[],
  now: string,
): Condition[] {
  const kept = (existing ?? []).filter((c) => !evaluated.includes(c.type));
  const fresh = found.map((c): Condition => {
    const previous = existing?.find((e) => e.type === c.type && e.message === c.message);
    return { type: c.type, message: c.message, lastTransitionTime: previous?.lastTransitionTime ?? now };
  });
  return [...kept, ...fresh];
}
