import { SelectorError } from './errors.ts';
import { goQuote } from './go-value.ts';
import { everything, type LabelSelector, nothing, selectorOf } from './label-selector.ts';
import { type Operator, type Requirement, requirementErrors } from './requirement.ts';

/** metav1.LabelSelector as found in Deployments, Services' friends, NetworkPolicies. */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

const operators: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/**
 * metav1.LabelSelectorAsSelector: a missing selector matches nothing, an empty one everything. Throws SelectorError
 * with apimachinery's messages for a bad operator, key or value.
 */
export function labelSelectorFromObject(obj: LabelSelectorObject | null | undefined): LabelSelector {
  if (obj === null || obj === undefined) return nothing;
  const matchLabels = Object.entries(obj.matchLabels ?? {});
  const expressions = obj.matchExpressions ?? [];
  if (matchLabels.length + expressions.length === 0) return everything;
  const requirements: Requirement[] = matchLabels.map(([key, value]) => check({ key, operator: '=', values: [value] }));
  for (const expr of expressions) {
    const operator = operators[expr.operator];
    if (!operator) throw new SelectorError(`${goQuote(expr.operator)} is not a valid label selector operator`);
    requirements.push(check({ key: expr.key, operator, values: [...(expr.values ?? [])] }));
  }
  return selectorOf(requirements);
}

function check(requirement: Requirement): Requirement {
  const errs = requirementErrors(requirement, undefined);
  if (errs.length === 1) throw new SelectorError(errs[0]!);
  if (errs.length > 1) throw new SelectorError(`[${errs.join(', ')}]`);
  return requirement;
}
