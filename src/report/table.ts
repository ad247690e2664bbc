/**
 * A plain-text table: every column padded to its widest cell except the last, which is cut with "…" when a width
 * is given so a row never wraps in a terminal. Widths count code points, which is right for the ASCII and the few
 * one-column symbols timelines hold.
 */
export function renderTable(
  rows: readonly (readonly string[])[],
  options: { gap?: string; width?: number } = {},
): string[] {
  const gap = options.gap ?? '  ';
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, length(cell));
    });
  }
  return rows.map((row) => {
    const cells = row.map((cell, i) =>
      i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - length(cell)),
    );
    const line = cells.join(gap).trimEnd();
    return options.width === undefined ? line : truncate(line, options.width);
  });
}

export function length(text: string): number {
  return [...text].length;
}

/** Cuts to `width` columns, ending in "…" when something was cut. */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return chars.slice(0, width).join('');
  return chars.slice(0, width - 1).join('') + '…';
}
