import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarios, runScenario, type Scenario, type ScenarioResult } from '../../src/scenario/index.ts';
import type { Bench, BenchFigure } from './report.ts';

/** Speeds tried from the fastest down; the first at which every assertion holds is the scenario's fastest. */
const SPEEDS = [100, 60, 40, 20, 10, 5];
const QUICK_SCENARIOS = ['drift-self-heal', 'manual-approval'];

async function run(scenario: Scenario, speed: number, dir: string): Promise<ScenarioResult> {
  return runScenario(scenario, { provider: 'embedded', speed, seed: 5, stateDir: join(dir, `speed-${speed}`) });
}

/**
 * Each scenario's wall time at --speed 1 (real time: what a learner waits on a real cluster) against the fastest
 * speed at which its assertions still hold. Speed-1 runs sleep most of the time, so they run all at once; the
 * fast ones run one by one so they do not slow each other down.
 */
const bench: Bench = {
  title: 'Scenarios: wall time at --speed 1 vs the fastest speed whose assertions hold',
  async run({ quick }) {
    const all = await loadScenarios();
    const scenarios = quick ? all.filter((s) => QUICK_SCENARIOS.includes(s.name)) : all;
    const dir = await mkdtemp(join(tmpdir(), 'gitops-sandbox-bench-scenarios-'));
    const figures: BenchFigure[] = [];
    try {
      const realTime = await Promise.all(scenarios.map((s) => run(s, 1, dir)));
      for (const [i, scenario] of scenarios.entries()) {
        const slow = realTime[i]!;
        let fastest: ScenarioResult | undefined;
        for (const speed of SPEEDS) {
          const result = await run(scenario, speed, dir);
          if (result.passed) {
            fastest = result;
            break;
          }
        }
        if (!slow.passed) console.log(`  ${scenario.name} failed at speed 1: ${slow.error ?? 'expectations failed'}`);
        if (!fastest) {
          console.log(`  ${scenario.name} passed at none of the speeds ${SPEEDS.join(', ')}`);
          continue;
        }
        figures.push({
          name: `${scenario.name} wall time at speed ${fastest.speed}`,
          value: fastest.wallMs / 1000,
          unit: 's',
          lowerIsBetter: true,
          baseline: { name: `speed 1${slow.passed ? '' : ' (failed)'}`, value: slow.wallMs / 1000 },
        });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return figures;
  },
};

export default bench;
