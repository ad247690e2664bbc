import type { RunResult, ScenarioResult } from '../scenario/result.ts';
import { formatDuration } from './format.ts';

export interface RunTotals {
  scenarios: number;
  passed: number;
  failed: number;
  /** Simulated time summed over scenarios. */
  simulatedMs: number;
  /** Wall time summed over scenarios (scenarios run one after another). */
  wallMs: number;
}

export function runTotals(run: RunResult): RunTotals {
  const passed = run.scenarios.filter((s) => s.passed).length;
  return {
    scenarios: run.scenarios.length,
    passed,
    failed: run.scenarios.length - passed,
    simulatedMs: run.scenarios.reduce((sum, s) => sum + simulatedMs(s), 0),
    wallMs: run.scenarios.reduce((sum, s) => sum + s.wallMs, 0),
  };
}

export function simulatedMs(scenario: ScenarioResult): number {
  return Math.max(0, scenario.endedAt - scenario.startedAt);
}

/** "2 scenarios: 1 passed, 1 failed · simulated 1m32s in 9.8s wall time" */
export function summaryText(totals: RunTotals): string {
  const noun = totals.scenarios === 1 ? 'scenario' : 'scenarios';
  return (
    `${totals.scenarios} ${noun}: ${totals.passed} passed, ${totals.failed} failed` +
    ` · simulated ${formatDuration(totals.simulatedMs)} in ${formatDuration(totals.wallMs)} wall time`
  );
}

/** "sim 48.2s · wall 5.1s" for one scenario. */
export function durationsText(scenario: ScenarioResult): string {
  return `sim ${formatDuration(simulatedMs(scenario))} · wall ${formatDuration(scenario.wallMs)}`;
}
