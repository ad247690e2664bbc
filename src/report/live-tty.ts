import { type Clock, ScaledClock } from '../clock/index.ts';
import type { ExpectationResult, RunResult, ScenarioResult } from '../scenario/result.ts';
import { type Palette, palette } from './ansi.ts';
import type { LiveStream, LiveView } from './live.ts';
import { expectationLine, scenarioFooter, scenarioHeader, stepLine } from './live-lines.ts';
import { runTotals, summaryText } from './summary.ts';
import { truncate } from './table.ts';

export const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
const CLEAR_DOWN = '\x1b[0J';

/**
 * A terminal view: finished lines are written once and scroll away as usual; the running steps form a block at
 * the bottom that is erased and redrawn in place (cursor up, clear to end of screen) on each change and spinner
 * frame. Live lines are cut to the terminal width, because a wrapped line would break the cursor-up count.
 */
export class TtyLiveView implements LiveView {
  readonly #stream: LiveStream;
  readonly #p: Palette;
  readonly #clock: Clock;
  readonly #frameMs: number;
  readonly #running: string[] = [];
  #drawnLines = 0;
  #frame = 0;
  #cancelTimer: (() => void) | undefined;
  #cursorHidden = false;
  #closed = false;

  constructor(stream: LiveStream, options: { color: boolean; clock?: Clock; frameMs: number }) {
    this.#stream = stream;
    this.#p = palette(options.color);
    this.#clock = options.clock ?? new ScaledClock();
    this.#frameMs = options.frameMs;
  }

  scenarioStarted(name: string, title: string): void {
    this.#print(scenarioHeader(this.#p, name, title));
  }

  stepStarted(name: string): void {
    if (this.#closed) return;
    this.#running.push(name);
    this.#print();
    this.#armSpinner();
  }

  stepDone(name: string, ok: boolean, error?: string): void {
    const i = this.#running.indexOf(name);
    if (i >= 0) this.#running.splice(i, 1);
    this.#print(stepLine(this.#p, name, ok, error));
  }

  expectation(result: ExpectationResult): void {
    this.#print(expectationLine(this.#p, result));
  }

  scenarioDone(result: ScenarioResult): void {
    // Steps the runner never finished (it threw) must not spin under the next scenario.
    this.#running.length = 0;
    this.#print(scenarioFooter(this.#p, result));
  }

  close(run?: RunResult): void {
    if (this.#closed) return;
    this.#running.length = 0;
    this.#print(run ? this.#p.bold(summaryText(runTotals(run))) : undefined);
    this.#closed = true;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    if (this.#cursorHidden) this.#stream.write(SHOW_CURSOR);
  }

  [Symbol.dispose](): void {
    this.close();
  }

  /** Erases the live block, writes `line` for good, redraws the block: one write, so no flicker between. */
  #print(line?: string): void {
    if (this.#closed) return;
    let out = this.#drawnLines > 0 ? `\x1b[${this.#drawnLines}A\r${CLEAR_DOWN}` : '';
    if (line !== undefined) out += `${line}\n`;
    const block = this.#block();
    if (block.length > 0 && !this.#cursorHidden) {
      out = HIDE_CURSOR + out;
      this.#cursorHidden = true;
    }
    out += block.map((l) => `${l}\n`).join('');
    this.#drawnLines = block.length;
    if (out) this.#stream.write(out);
  }

  #block(): string[] {
    const frame = SPINNER_FRAMES[this.#frame % SPINNER_FRAMES.length]!;
    const width = Math.max(10, (this.#stream.columns ?? 80) - 1);
    return this.#running.map((name) => `  ${this.#p.cyan(frame)} ${truncate(name, width - 4)}`);
  }

  #armSpinner(): void {
    if (this.#cancelTimer || this.#closed) return;
    this.#cancelTimer = this.#clock.setTimer(this.#frameMs, () => {
      this.#cancelTimer = undefined;
      if (this.#closed || this.#running.length === 0) return;
      this.#frame++;
      this.#print();
      this.#armSpinner();
    });
  }
}
