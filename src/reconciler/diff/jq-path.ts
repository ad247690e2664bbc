import { jsonEqual } from '../../json/json-equal.ts';
import { DiffError } from './errors.ts';

/** One step of a path: a field, an index, every element, or a filter on the current value. */
type Step =
  | { type: 'field'; name: string }
  | { type: 'index'; index: number }
  | { type: 'each' }
  | { type: 'select'; path: Step[]; equal: boolean; value: unknown };

export type Location = (string | number)[];

/** A compiled jq path expression: where in an object it points. */
export interface JqPath {
  readonly expression: string;
  locate(root: unknown): Location[];
}

const SUPPORTED =
  'supported are paths (.a.b, ."a.b", .["a.b"], .a[0], .a[]) joined by |, and select(<path> == or != <JSON literal>)';

/**
 * Argo CD runs `del(<expression>)` with gojq for jqPathExpressions (util/argo/normalizers/diff_normalizer.go). We
 * support the path forms its docs and users write, e.g.
 * `.spec.template.spec.initContainers[] | select(.name == "istio-init")`; anything else (functions, `..`,
 * `//`, slices, `and`/`or`) is refused with a DiffError naming the expression.
 */
export function compileJqPath(expression: string): JqPath {
  const steps = new Parser(expression).pipeline();
  return { expression, locate: (root) => locate(root, steps) };
}

function locate(root: unknown, steps: Step[]): Location[] {
  let found: Location[] = [[]];
  for (const step of steps) {
    const next: Location[] = [];
    for (const location of found) {
      const value = valueAt(root, location);
      if (step.type === 'field') {
        if (isRecord(value) && step.name in value) next.push([...location, step.name]);
      } else if (step.type === 'index') {
        if (Array.isArray(value)) {
          const index = step.index < 0 ? value.length + step.index : step.index;
          if (index >= 0 && index < value.length) next.push([...location, index]);
        }
      } else if (step.type === 'each') {
        if (Array.isArray(value)) for (let i = 0; i < value.length; i++) next.push([...location, i]);
        else if (isRecord(value)) for (const key of Object.keys(value)) next.push([...location, key]);
      } else {
        const matches = locate(value, step.path).some((l) => jsonEqual(valueAt(value, l), step.value));
        if (matches === step.equal) next.push(location);
      }
    }
    found = next;
  }
  return found;
}

export function valueAt(root: unknown, location: Location): unknown {
  let value = root;
  for (const key of location) {
    if (typeof key === 'number') value = Array.isArray(value) ? value[key] : undefined;
    else value = isRecord(value) ? value[key] : undefined;
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Parser {
  readonly #text: string;
  #at = 0;

  constructor(text: string) {
    this.#text = text;
  }

  pipeline(): Step[] {
    const steps = this.#path(false);
    this.#space();
    while (this.#eat('|')) {
      this.#space();
      if (this.#text.startsWith('select', this.#at)) steps.push(this.#select());
      else steps.push(...this.#path(false));
      this.#space();
    }
    if (this.#at !== this.#text.length) this.#fail(`unexpected ${JSON.stringify(this.#text.slice(this.#at))}`);
    return steps;
  }

  #select(): Step {
    this.#at += 'select'.length;
    this.#space();
    this.#expect('(');
    this.#space();
    const path = this.#path(true);
    this.#space();
    let equal: boolean;
    if (this.#eat('==')) equal = true;
    else if (this.#eat('!=')) equal = false;
    else return this.#fail('select() needs a comparison with == or !=');
    this.#space();
    const value = this.#literal();
    this.#space();
    this.#expect(')');
    return { type: 'select', path, equal, value };
  }

  /** `.`, `.a`, `."a.b"`, `.["a"]`, `[0]`, `[]` chained; `relative` allows a bare `.` (the current value). */
  #path(relative: boolean): Step[] {
    const steps: Step[] = [];
    this.#space();
    if (this.#text[this.#at] !== '.') this.#fail('a path must start with "."');
    let bare = true;
    while (this.#at < this.#text.length) {
      const c = this.#text[this.#at];
      if (c === '.') {
        this.#at++;
        const next = this.#text[this.#at];
        if (next === '"') steps.push({ type: 'field', name: this.#string() });
        else if (next !== undefined && /[A-Za-z_]/.test(next)) steps.push({ type: 'field', name: this.#ident() });
        else if (next === '[') continue;
        else if (next === '.') this.#fail('recursive descent ".." is not supported');
        else if (!bare) this.#fail('a "." must be followed by a field name');
        bare = false;
      } else if (c === '[') {
        steps.push(this.#bracket());
        bare = false;
      } else break;
    }
    if (steps.length === 0 && !relative) this.#fail('the path "." would delete the whole object');
    return steps;
  }

  #bracket(): Step {
    this.#expect('[');
    this.#space();
    if (this.#eat(']')) return { type: 'each' };
    let step: Step;
    if (this.#text[this.#at] === '"') step = { type: 'field', name: this.#string() };
    else {
      const match = /^-?\d+/.exec(this.#text.slice(this.#at));
      if (!match) return this.#fail('only [N], ["key"] and [] are supported inside brackets');
      this.#at += match[0].length;
      step = { type: 'index', index: Number(match[0]) };
    }
    this.#space();
    this.#expect(']');
    return step;
  }

  #ident(): string {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.#text.slice(this.#at))!;
    this.#at += match[0].length;
    return match[0];
  }

  #string(): string {
    const match = /^"(?:[^"\\]|\\.)*"/.exec(this.#text.slice(this.#at));
    if (!match) return this.#fail('unterminated string');
    this.#at += match[0].length;
    return JSON.parse(match[0]) as string;
  }

  #literal(): unknown {
    const match = /^(?:"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
      this.#text.slice(this.#at),
    );
    if (!match) return this.#fail('select() compares with a JSON string, number, boolean or null only');
    this.#at += match[0].length;
    return JSON.parse(match[0]);
  }

  #space(): void {
    while (this.#text[this.#at] === ' ' || this.#text[this.#at] === '\t') this.#at++;
  }

  #eat(token: string): boolean {
    if (!this.#text.startsWith(token, this.#at)) return false;
    this.#at += token.length;
    return true;
  }

  #expect(token: string): void {
    if (!this.#eat(token)) this.#fail(`expected "${token}"`);
  }

  #fail(why: string): never {
    throw new DiffError(
      'JQ_PATH_UNSUPPORTED',
      `jqPathExpression ${JSON.stringify(this.#text)} is not supported at column ${this.#at + 1}: ${why}; ${SUPPORTED}`,
    );
  }
}
