/** The tokens of the label selector string syntax, lexed as apimachinery `labels/selector.go` lexes them. */
export type Token =
  | 'error'
  | 'end'
  | ')'
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | 'identifier'
  | 'in'
  | '<'
  | '!='
  | 'notin'
  | '(';

export interface Scanned {
  token: Token;
  literal: string;
}

const keywords: Record<string, Token> = {
  ')': ')',
  ',': ',',
  '!': '!',
  '==': '==',
  '=': '=',
  '>': '>',
  in: 'in',
  '<': '<',
  '!=': '!=',
  notin: 'notin',
  '(': '(',
};

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string) => '=!(),><'.includes(ch);

/** Splits the whole selector into tokens, ending with 'end'. */
export function lex(text: string): Scanned[] {
  const out: Scanned[] = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && isWhitespace(text[pos]!)) pos++;
    if (pos >= text.length) {
      out.push({ token: 'end', literal: '' });
      return out;
    }
    if (isSpecial(text[pos]!)) {
      // Longest run of symbols that is still an operator ("!=" rather than "!"), as scanSpecialSymbol does.
      let buffer = '';
      let last: Scanned | undefined;
      while (pos < text.length && isSpecial(text[pos]!)) {
        buffer += text[pos];
        const token = keywords[buffer];
        if (token) {
          last = { token, literal: buffer };
        } else if (last) {
          break;
        }
        pos++;
      }
      out.push(last ?? { token: 'error', literal: `error expected: keyword found '${buffer}'` });
      continue;
    }
    let buffer = '';
    while (pos < text.length && !isSpecial(text[pos]!) && !isWhitespace(text[pos]!)) buffer += text[pos++];
    out.push({ token: keywords[buffer] ?? 'identifier', literal: buffer });
  }
}
