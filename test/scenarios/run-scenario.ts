import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { loadScenarios, runScenario, type ScenarioResult } from '../../src/scenario/index.ts';
import { formatSlice } from '../../src/timeline/format.ts';

/**
 * Runs one scenario from scenarios/ on the embedded provider at a high speed, the way `gitops-sandbox run` does,
 * and fails the test with the scenario's own story (failed expectations and their timeline slices) when it fails.
 */
export async function runNamedScenario(
  t: ExecutionContext,
  name: string,
  options: { speed?: number; seed?: number } = {},
): Promise<ScenarioResult> {
  const scenario = (await loadScenarios()).find((s) => s.name === name);
  if (!scenario) throw new Error(`no scenario ${name} in scenarios/`);
  const stateDir = await mkdtemp(join(tmpdir(), `gitops-sandbox-scenario-${name}-`));
  try {
    const result = await runScenario(scenario, {
      provider: 'embedded',
      speed: options.speed ?? 20,
      seed: options.seed ?? 11,
      stateDir,
    });
    if (!result.passed) t.log(explain(result));
    return result;
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
}

export function explain(result: ScenarioResult): string {
  const lines = [`${result.name}: ${result.error ?? 'expectations failed'}`];
  for (const step of result.steps.filter((s) => !s.passed)) lines.push(`  step failed: ${step.name}: ${step.error}`);
  for (const e of result.expectations.filter((x) => !x.passed)) {
    lines.push(`  ✗ ${e.description}: ${e.message}`);
    if (e.slice) lines.push(formatSlice(e.slice, result.startedAt));
  }
  return lines.join('\n');
}
