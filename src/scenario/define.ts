import type { ScenarioContext } from './context.ts';

/**
 * A scenario: one GitOps flow as a small module under scenarios/. It acts on the sandbox the way a learner would
 * (push an image, commit, kubectl, stop a node, approve a sync) and states what the timeline must show.
 */
export interface Scenario {
  /** Kebab-case name used on the command line (`gitops-sandbox run image-bump`). */
  name: string;
  /** One line for reports. */
  title: string;
  /** What the flow teaches, for `run --list` and the HTML report. */
  description: string;
  /** Simulated time the whole flow may take, e.g. '15m' (default '20m'). */
  timeout?: string;
  run(context: ScenarioContext): Promise<void>;
}

/** Identity function that gives scenario modules their types. */
export function defineScenario(scenario: Scenario): Scenario {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(scenario.name)) {
    throw new Error(`scenario name "${scenario.name}" must be kebab-case (letters, digits, dashes)`);
  }
  return scenario;
}
