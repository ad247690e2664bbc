/**
 * A tiny terminal for tests: applies what a live view wrote (text, \r, \n, cursor up, clear to end of screen,
 * cursor show/hide; colours ignored) and returns the lines a user would see at the end.
 */
export class Screen {
  lines: string[] = [''];
  row = 0;
  col = 0;
  cursorVisible = true;
  /** Every chunk written, for assertions about how something was drawn. */
  readonly chunks: string[] = [];
  readonly columns: number;

  constructor(columns = 80) {
    this.columns = columns;
  }

  write = (chunk: string): boolean => {
    this.chunks.push(chunk);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: parsing escape sequences is the point.
    const tokens = chunk.match(/\x1b\[[0-9;?]*[A-Za-z]|\r|\n|[^\x1b\r\n]/gu) ?? [];
    for (const token of tokens) this.#apply(token);
    return true;
  };

  /** The visible text, trailing empty line dropped. */
  text(): string {
    return this.lines.join('\n').replace(/\n$/, '');
  }

  #apply(token: string): void {
    if (token === '\n') {
      this.row++;
      this.col = 0;
      while (this.lines.length <= this.row) this.lines.push('');
    } else if (token === '\r') {
      this.col = 0;
    } else if (token.startsWith('\x1b[')) {
      const arg = token.slice(2, -1);
      const op = token.at(-1);
      if (op === 'A') this.row = Math.max(0, this.row - Number(arg || 1));
      else if (op === 'J' && (arg === '' || arg === '0')) {
        this.lines[this.row] = [...(this.lines[this.row] ?? '')].slice(0, this.col).join('');
        this.lines.length = this.row + 1;
      } else if (op === 'l' && arg === '?25') this.cursorVisible = false;
      else if (op === 'h' && arg === '?25') this.cursorVisible = true;
      else if (op !== 'm') throw new Error(`screen: unsupported escape ${JSON.stringify(token)}`);
    } else {
      const line = [...(this.lines[this.row] ?? '')];
      while (line.length < this.col) line.push(' ');
      line[this.col] = token;
      this.lines[this.row] = line.join('');
      this.col++;
    }
  }
}
