/** Colour for terminal output, and the one rule for when to use it. */

export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;

const COLOURED: Palette = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
};

const same = (text: string) => text;
const PLAIN: Palette = { bold: same, dim: same, red: same, green: same, yellow: same, cyan: same };

export function palette(color: boolean): Palette {
  return color ? COLOURED : PLAIN;
}

/**
 * Colour only on a terminal, and never when NO_COLOR is set to a non-empty value (no-color.org) or TERM is "dumb".
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  if (env['NO_COLOR']) return false;
  if (env['TERM'] === 'dumb') return false;
  return stream.isTTY === true;
}

/** Removes SGR and cursor sequences: for measuring and for tests. */
export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point.
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}
