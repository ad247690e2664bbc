/**
 * Argo CD matches `directory.include`/`exclude` with `util/glob.Match`, i.e. gobwas/glob compiled without separators:
 * `*` (and `**`) match any run of characters including `/`, `?` one character, `[abc]`, `[a-z]`, `[!abc]` classes,
 * `{a,b}` alternatives (nestable), `\` escapes. A pattern that does not compile matches nothing (Argo CD logs and
 * returns false).
 */
export function globMatch(pattern: string, text: string): boolean {
  const regex = compileGlob(pattern);
  return regex?.test(text) === true;
}

const cache = new Map<string, RegExp | undefined>();

export function compileGlob(pattern: string): RegExp | undefined {
  if (cache.has(pattern)) return cache.get(pattern);
  let regex: RegExp | undefined;
  try {
    const [source, end] = translate(pattern, 0, false);
    if (end !== pattern.length) throw new Error('unbalanced }');
    regex = new RegExp(`^${source}$`, 's');
  } catch {
    regex = undefined;
  }
  cache.set(pattern, regex);
  return regex;
}

/** Translates from `start` until the end, or (inside braces) until a `,` or `}` at this level. */
function translate(pattern: string, start: number, inBraces: boolean): [string, number] {
  let out = '';
  let i = start;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (inBraces && (c === ',' || c === '}')) return [out, i];
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new Error('dangling escape');
      out += escapeRegex(next);
      i += 2;
    } else if (c === '*') {
      while (pattern[i] === '*') i++;
      out += '.*';
    } else if (c === '?') {
      out += '.';
      i++;
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) throw new Error('unclosed [');
      let body = pattern.slice(i + 1, close);
      const negate = body.startsWith('!');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close + 1;
    } else if (c === '{') {
      const alternatives: string[] = [];
      let j = i + 1;
      for (;;) {
        const [alt, stop] = translate(pattern, j, true);
        alternatives.push(alt);
        if (pattern[stop] === '}') {
          j = stop + 1;
          break;
        }
        if (pattern[stop] !== ',') throw new Error('unclosed {');
        j = stop + 1;
      }
      out += `(?:${alternatives.join('|')})`;
      i = j;
    } else {
      out += escapeRegex(c);
      i++;
    }
  }
  if (inBraces) throw new Error('unclosed {');
  return [out, i];
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
