import { goQuote } from './go-value.ts';
import { isQualifiedName, isValidLabelValue } from './validation.ts';

/** The operators of apimachinery `pkg/selection`; `gt`/`lt` come only from the string syntax. */
export type Operator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type Labels = Record<string, string> | undefined;

/** The checks of labels.NewRequirement; messages use the (possibly nil) field path the caller gives. */
export function requirementErrors(requirement: Requirement, path: string | undefined): string[] {
  const at = (child: string) => (path ? `${path}.${child}` : child);
  const errs: string[] = [];
  for (const msg of isQualifiedName(requirement.key)) {
    errs.push(`${at('key')}: Invalid value: ${goQuote(requirement.key)}: ${msg}`);
  }
  const { operator, values } = requirement;
  const shown = `[]string{${values.map(goQuote).join(', ')}}`;
  if ((operator === 'in' || operator === 'notin') && values.length === 0) {
    errs.push(`${at('values')}: Invalid value: ${shown}: for 'in', 'notin' operators, values set can't be empty`);
  }
  if ((operator === '=' || operator === '==' || operator === '!=') && values.length !== 1) {
    errs.push(`${at('values')}: Invalid value: ${shown}: exact-match compatibility requires one single value`);
  }
  if ((operator === 'exists' || operator === '!') && values.length !== 0) {
    errs.push(`${at('values')}: Invalid value: ${shown}: values set must be empty for exists and does not exist`);
  }
  if (operator === 'gt' || operator === 'lt') {
    if (values.length !== 1) {
      errs.push(`${at('values')}: Invalid value: ${shown}: for 'Gt', 'Lt' operators, exactly one value is required`);
    }
    values.forEach((v, i) => {
      if (!/^[-+]?\d+$/.test(v)) {
        errs.push(
          `${at('values')}[${i}]: Invalid value: ${goQuote(v)}: for 'Gt', 'Lt' operators, the value must be an integer`,
        );
      }
    });
  }
  values.forEach((v, i) => {
    for (const msg of isValidLabelValue(v)) {
      errs.push(`${at('values')}[${i}][${requirement.key}]: Invalid value: ${goQuote(v)}: ${msg}`);
    }
  });
  return errs;
}

export function requirementMatches(requirement: Requirement, labels: Labels): boolean {
  const has = labels !== undefined && Object.hasOwn(labels, requirement.key);
  const value = has ? labels[requirement.key]! : undefined;
  switch (requirement.operator) {
    case 'in':
    case '=':
    case '==':
      return value !== undefined && requirement.values.includes(value);
    case 'notin':
    case '!=':
      return value === undefined || !requirement.values.includes(value);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (value === undefined || !/^[-+]?\d+$/.test(value) || requirement.values.length !== 1) return false;
      const actual = Number(value);
      const bound = Number(requirement.values[0]);
      return requirement.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

/** Requirement.String(): values sorted, set operators in parentheses. */
export function requirementString(requirement: Requirement): string {
  const { key, operator } = requirement;
  if (operator === 'exists') return key;
  if (operator === '!') return `!${key}`;
  const values = [...requirement.values].sort().join(',');
  switch (operator) {
    case 'in':
      return `${key} in (${values})`;
    case 'notin':
      return `${key} notin (${values})`;
    case 'gt':
      return `${key}>${values}`;
    case 'lt':
      return `${key}<${values}`;
    default:
      return `${key}${operator}${values}`;
  }
}
