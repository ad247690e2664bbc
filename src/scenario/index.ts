/** Everything a scenario module needs, from one import. */

export { expect } from '../timeline/expect.ts';
export * from '../timeline/matchers.ts';
export { atLeast, atMost, equals, probeFailures, readyEndpoints, replicasReady, state } from '../timeline/state.ts';
export { loadScenarios, SCENARIOS_DIR, selectScenarios } from './catalog.ts';
export type { ScenarioContext } from './context.ts';
export { defineScenario, type Scenario } from './define.ts';
export type { ExpectationResult, RunResult, ScenarioResult } from './result.ts';
export { type RunScenarioOptions, runScenario, type ScenarioObserver } from './runner.ts';
