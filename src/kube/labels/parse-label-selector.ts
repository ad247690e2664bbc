import { SelectorError } from './errors.ts';
import { goQuote } from './go-value.ts';
import { type LabelSelector, selectorOf } from './label-selector.ts';
import { lex, type Scanned, type Token } from './lexer.ts';
import { type Operator, type Requirement, requirementErrors } from './requirement.ts';
import { isQualifiedName } from './validation.ts';

const binaryOperators = 'in, notin, =, ==, !=, gt, lt';

/** A failure inside one requirement; the parser prefixes "unable to parse requirement: ". */
class RequirementError extends Error {}

/**
 * Parses `app=web,tier!=db,env in (a,b),!legacy`, with apimachinery's grammar and error messages
 * (`labels.Parse`). Throws SelectorError.
 */
export function parseLabelSelector(text: string): LabelSelector {
  return selectorOf(new Parser(lex(text)).parse());
}

class Parser {
  #items: Scanned[];
  #position = 0;

  constructor(items: Scanned[]) {
    this.#items = items;
  }

  /** In a value position, the keywords `in` and `notin` are plain identifiers. */
  #lookahead(values: boolean): Scanned {
    const item = this.#items[this.#position]!;
    return values && (item.token === 'in' || item.token === 'notin') ? { ...item, token: 'identifier' } : item;
  }

  #consume(values: boolean): Scanned {
    const item = this.#lookahead(values);
    this.#position++;
    return item;
  }

  parse(): Requirement[] {
    const requirements: Requirement[] = [];
    for (;;) {
      const { token, literal } = this.#lookahead(true);
      if (token === 'end') return requirements;
      if (token !== 'identifier' && token !== '!') {
        throw new SelectorError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
      try {
        requirements.push(this.#requirement());
      } catch (error) {
        if (!(error instanceof RequirementError)) throw error;
        throw new SelectorError(`unable to parse requirement: ${error.message}`, { cause: error });
      }
      const next = this.#consume(true);
      if (next.token === 'end') return requirements;
      if (next.token !== ',') throw new SelectorError(`found '${next.literal}', expected: ',' or 'end of string'`);
      const after = this.#lookahead(true);
      if (after.token !== 'identifier' && after.token !== '!') {
        throw new SelectorError(`found '${after.literal}', expected: identifier after ','`);
      }
    }
  }

  #requirement(): Requirement {
    let { token, literal } = this.#consume(true);
    let operator: Operator | undefined;
    if (token === '!') {
      operator = '!';
      ({ token, literal } = this.#consume(true));
    }
    if (token !== 'identifier') throw new RequirementError(`found '${literal}', expected: identifier`);
    const keyErrors = isQualifiedName(literal);
    if (keyErrors.length > 0) {
      throw new RequirementError(`<nil>: Invalid value: ${goQuote(literal)}: ${keyErrors.join('; ')}`);
    }
    const key = literal;
    const peek = this.#lookahead(true).token;
    if (peek === 'end' || peek === ',') operator ??= 'exists';
    if (operator === 'exists' || operator === '!') return checked({ key, operator, values: [] });
    const op = this.#operator();
    const values = op === 'in' || op === 'notin' ? this.#setValues() : this.#exactValue();
    // sets.String.List(): deduplicated and sorted.
    return checked({ key, operator: op, values: [...new Set(values)].sort() });
  }

  #operator(): Operator {
    const { token, literal } = this.#consume(false);
    const operators: Partial<Record<Token, Operator>> = {
      in: 'in',
      '=': '=',
      '==': '==',
      '>': 'gt',
      '<': 'lt',
      notin: 'notin',
      '!=': '!=',
    };
    const op = operators[token];
    if (!op) throw new RequirementError(`found '${literal}', expected: ${binaryOperators}`);
    return op;
  }

  #setValues(): string[] {
    const open = this.#consume(true);
    if (open.token !== '(') throw new RequirementError(`found '${open.literal}' expected: '('`);
    const { token, literal } = this.#lookahead(true);
    if (token === ')') {
      this.#consume(true);
      return [''];
    }
    if (token !== 'identifier' && token !== ',') {
      throw new RequirementError(`found '${literal}', expected: ',', ')' or identifier`);
    }
    const values = this.#identifierList();
    if (this.#consume(true).token !== ')') throw new RequirementError(`found '${literal}', expected: ')'`);
    return values;
  }

  /** A comma-separated list in which empty entries mean the empty value: "(a,,b)", "(,a)". */
  #identifierList(): string[] {
    const values: string[] = [];
    for (;;) {
      const { token, literal } = this.#consume(true);
      if (token === 'identifier') {
        values.push(literal);
        const next = this.#lookahead(true);
        if (next.token === ',') continue;
        if (next.token === ')') return values;
        throw new RequirementError(`found '${next.literal}', expected: ',' or ')'`);
      }
      if (token !== ',') throw new RequirementError(`found '${literal}', expected: ',', or identifier`);
      if (values.length === 0) values.push('');
      const next = this.#lookahead(true).token;
      if (next === ')') {
        values.push('');
        return values;
      }
      if (next === ',') values.push('');
    }
  }

  #exactValue(): string[] {
    const peek = this.#lookahead(true).token;
    if (peek === 'end' || peek === ',') return [''];
    const { token, literal } = this.#consume(true);
    if (token === 'identifier') return [literal];
    throw new RequirementError(`found '${literal}', expected: identifier`);
  }
}

function checked(requirement: Requirement): Requirement {
  const errs = requirementErrors(requirement, undefined);
  if (errs.length === 1) throw new RequirementError(errs[0]);
  if (errs.length > 1) throw new RequirementError(`[${errs.join(', ')}]`);
  return requirement;
}
