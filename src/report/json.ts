import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ExpectationResult, RunResult, ScenarioResult } from '../scenario/result.ts';
import type { TimelineEvent } from '../timeline/event.ts';
import { runTotals } from './summary.ts';

/** Bumped on any incompatible change of the document's shape; additions keep the version. */
export const JSON_REPORT_VERSION = 1;

/**
 * The RunResult as a versioned JSON document. Every object is rebuilt field by field, so the field order is the
 * one written here whatever order the result was assembled in, and keys inside event `data` are sorted: two runs
 * that did the same thing give byte-identical files, which diffs and golden files need.
 */
export function toJsonReport(run: RunResult) {
  const totals = runTotals(run);
  return {
    version: JSON_REPORT_VERSION,
    passed: run.passed,
    summary: {
      scenarios: totals.scenarios,
      passed: totals.passed,
      failed: totals.failed,
      simulatedMs: totals.simulatedMs,
      wallMs: totals.wallMs,
    },
    scenarios: run.scenarios.map(scenario),
  };
}

export function renderJsonReport(run: RunResult): string {
  return JSON.stringify(toJsonReport(run), null, 2) + '\n';
}

/** `--json FILE`: writes the report, creating the file's directory. */
export async function writeJsonReport(file: string, run: RunResult): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, renderJsonReport(run));
}

function scenario(s: ScenarioResult) {
  return {
    name: s.name,
    title: s.title,
    passed: s.passed,
    error: s.error,
    provider: s.provider,
    speed: s.speed,
    seed: s.seed,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    wallMs: s.wallMs,
    steps: s.steps.map((step) => ({ name: step.name, at: step.at, passed: step.passed, error: step.error })),
    expectations: s.expectations.map(expectation),
    timeline: s.timeline.map(event),
  };
}

function expectation(e: ExpectationResult) {
  return {
    description: e.description,
    passed: e.passed,
    message: e.message,
    at: e.at,
    slice: e.slice?.map(event),
  };
}

function event(e: TimelineEvent) {
  return {
    at: e.at,
    component: e.component,
    type: e.type,
    subject: e.subject,
    message: e.message,
    data: e.data === undefined ? undefined : sortKeys(e.data),
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}
