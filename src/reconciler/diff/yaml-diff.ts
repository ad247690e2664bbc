import { stringify } from 'yaml';

/** Objects as YAML with sorted keys, so the same object always prints the same lines (as Argo CD's diff does). */
export function toYaml(value: unknown): string {
  if (value === undefined || value === null) return '';
  return stringify(value, { sortMapEntries: true, lineWidth: 0 });
}

export interface UnifiedDiffOptions {
  fromLabel?: string;
  toLabel?: string;
  /** Unchanged lines shown around each change (default 3, as `diff -u`). */
  context?: number;
}

type Op = { kind: ' ' | '-' | '+'; line: string };

/**
 * A unified diff of two texts, `diff -u` style (`---`/`+++` header, `@@ -a,b +c,d @@` hunks); empty when equal.
 * Common prefix and suffix are trimmed first, then the middle is aligned by longest common subsequence — plenty for
 * manifests, which differ in few places.
 */
export function unifiedDiff(from: string, to: string, options: UnifiedDiffOptions = {}): string {
  if (from === to) return '';
  const a = lines(from);
  const b = lines(to);
  const ops = align(a, b);
  const context = options.context ?? 3;
  const out = [`--- ${options.fromLabel ?? 'live'}`, `+++ ${options.toLabel ?? 'target'}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i]!.kind === ' ') {
      i++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change within reach.
    const start = Math.max(0, i - context);
    let end = i;
    while (end < ops.length) {
      let next = end;
      while (next < ops.length && ops[next]!.kind !== ' ') next++;
      let gap = next;
      while (gap < ops.length && ops[gap]!.kind === ' ') gap++;
      if (gap < ops.length && gap - next <= 2 * context) end = gap;
      else {
        end = Math.min(ops.length, next + context);
        break;
      }
    }
    out.push(hunkHeader(ops, start, end), ...ops.slice(start, end).map((op) => `${op.kind}${op.line}`));
    i = end;
  }
  return `${out.join('\n')}\n`;
}

function hunkHeader(ops: Op[], start: number, end: number): string {
  let fromLine = 1;
  let toLine = 1;
  for (const op of ops.slice(0, start)) {
    if (op.kind !== '+') fromLine++;
    if (op.kind !== '-') toLine++;
  }
  const hunk = ops.slice(start, end);
  const fromCount = hunk.filter((op) => op.kind !== '+').length;
  const toCount = hunk.filter((op) => op.kind !== '-').length;
  const range = (line: number, count: number) => `${count === 0 ? line - 1 : line},${count}`;
  return `@@ -${range(fromLine, fromCount)} +${range(toLine, toCount)} @@`;
}

function lines(text: string): string[] {
  if (text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

function align(a: string[], b: string[]): Op[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  const same = (line: string): Op => ({ kind: ' ', line });
  return [...a.slice(0, prefix).map(same), ...lcs(midA, midB), ...a.slice(a.length - suffix).map(same)];
}

function lcs(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: LCS length of a[i..] and b[j..], in one flat array.
  const lengths = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * (m + 1) + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * (m + 1) + j + 1]! + 1
          : Math.max(lengths[(i + 1) * (m + 1) + j]!, lengths[i * (m + 1) + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push({ kind: ' ', line: a[i]! });
      i++;
      j++;
    } else if (lengths[(i + 1) * (m + 1) + j]! >= lengths[i * (m + 1) + j + 1]!) ops.push({ kind: '-', line: a[i++]! });
    else ops.push({ kind: '+', line: b[j++]! });
  }
  while (i < n) ops.push({ kind: '-', line: a[i++]! });
  while (j < m) ops.push({ kind: '+', line: b[j++]! });
  return ops;
}
