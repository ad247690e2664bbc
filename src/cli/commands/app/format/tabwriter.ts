/**
 * Go's text/tabwriter as the argocd CLI configures it (padchar ' ', no flags), so tables line up byte for byte.
 * Each line is its cells; every cell but the last was tab-terminated and is padded to its column block's width
 * (the widest cell of the consecutive lines that have that column, plus padding, at least minWidth). The last cell
 * is written as is. Go formats per Flush; callers pass one flush's lines.
 */
export function tabwrite(lines: readonly (readonly string[])[], options: { minWidth?: number; padding?: number } = {}) {
  const minWidth = options.minWidth ?? 0;
  const padding = options.padding ?? 2;
  const out: string[] = lines.map(() => '');
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const line = lines[i]!;
      let text = '';
      line.forEach((cell, j) => {
        text += cell;
        if (j < widths.length) text += ' '.repeat(Math.max(0, widths[j]! - runeWidth(cell)));
      });
      out[i] = text;
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    let start = line0;
    for (let current = line0; current < line1; current++) {
      if (column >= lines[current]!.length - 1) continue;
      // A cell in this column starts a block: the lines before it are complete.
      writeLines(start, current);
      start = current;
      let width = minWidth;
      for (; current < line1; current++) {
        const line = lines[current]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, runeWidth(line[column]!) + padding);
      }
      widths.push(width);
      format(start, current);
      widths.pop();
      start = current;
      current--; // the for loop's increment re-examines the line that ended the block
    }
    writeLines(start, line1);
  };

  format(0, lines.length);
  return out.map((line) => `${line}\n`).join('');
}

/** Splits Go-style "a\tb\tc\n" rows into cells. */
export function rows(text: string): string[][] {
  return text
    .split('\n')
    .slice(0, -1)
    .map((line) => line.split('\t'));
}

export function runeWidth(text: string): number {
  return [...text].length;
}
