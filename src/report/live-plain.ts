import type { ExpectationResult, RunResult, ScenarioResult } from '../scenario/result.ts';
import { type Palette, palette } from './ansi.ts';
import type { LiveStream, LiveView } from './live.ts';
import { expectationLine, scenarioFooter, scenarioHeader, stepLine } from './live-lines.ts';
import { runTotals, summaryText } from './summary.ts';

/**
 * Append-only lines for CI logs and pipes: nothing is redrawn, and a step's start is printed too so a log that
 * stops tells which step hung.
 */
export class PlainLiveView implements LiveView {
  readonly #stream: LiveStream;
  readonly #p: Palette;
  #closed = false;

  constructor(stream: LiveStream, options: { color: boolean }) {
    this.#stream = stream;
    this.#p = palette(options.color);
  }

  scenarioStarted(name: string, title: string): void {
    this.#line(scenarioHeader(this.#p, name, title));
  }

  stepStarted(name: string): void {
    this.#line(`  ${this.#p.dim('…')} ${name}`);
  }

  stepDone(name: string, ok: boolean, error?: string): void {
    this.#line(stepLine(this.#p, name, ok, error));
  }

  expectation(result: ExpectationResult): void {
    this.#line(expectationLine(this.#p, result));
  }

  scenarioDone(result: ScenarioResult): void {
    this.#line(scenarioFooter(this.#p, result));
  }

  close(run?: RunResult): void {
    if (this.#closed) return;
    this.#closed = true;
    if (run) this.#stream.write(`${this.#p.bold(summaryText(runTotals(run)))}\n`);
  }

  [Symbol.dispose](): void {
    this.close();
  }

  #line(text: string): void {
    if (!this.#closed) this.#stream.write(`${text}\n`);
  }
}
