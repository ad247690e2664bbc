import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SandboxError } from '../errors.ts';
import type { Scenario } from './define.ts';

export const SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** Every scenario module in the folder (each default-exports a defineScenario), sorted by its file name. */
export async function loadScenarios(dir: string = SCENARIOS_DIR): Promise<Scenario[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')).sort();
  const scenarios: Scenario[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as { default?: Scenario };
    if (!module.default?.name || typeof module.default.run !== 'function') {
      throw new SandboxError('ScenarioModule', `${join(dir, file)} must default-export defineScenario({...})`);
    }
    scenarios.push(module.default);
  }
  return scenarios;
}

/** The scenarios named on the command line, in that order; an unknown name lists the known ones. */
export function selectScenarios(all: Scenario[], names: string[]): Scenario[] {
  return names.map((name) => {
    const found = all.find((scenario) => scenario.name === name);
    if (!found) {
      throw new SandboxError(
        'UnknownScenario',
        `no scenario named "${name}"; the scenarios are: ${all.map((s) => s.name).join(', ')} (or use --all)`,
      );
    }
    return found;
  });
}
