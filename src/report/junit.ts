import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RunResult, ScenarioResult } from '../scenario/result.ts';
import { escapeAttr, escapeText } from './escape.ts';
import { formatSeconds } from './format.ts';
import { oneLine, timelineLines } from './timeline-text.ts';

export const JUNIT_CLASSNAME = 'gitops-sandbox.scenarios';

/**
 * JUnit XML as CI systems read it: one <testsuite>, one <testcase> per scenario (time = wall seconds). A scenario
 * that threw is an <error>; failed expectations and steps make one <failure> whose body lists each with the
 * timeline slice that explains it; <system-out> holds the whole timeline.
 */
export function renderJunitReport(run: RunResult): string {
  const failures = run.scenarios.filter((s) => !s.passed && !s.error).length;
  const errors = run.scenarios.filter((s) => s.error).length;
  const time = formatSeconds(run.scenarios.reduce((sum, s) => sum + s.wallMs, 0));
  const counts = `tests="${run.scenarios.length}" failures="${failures}" errors="${errors}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gitops-sandbox" ${counts} time="${time}">`,
    `  <testsuite name="${JUNIT_CLASSNAME}" ${counts} skipped="0" time="${time}">`,
    ...run.scenarios.map(testcase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** `--junit FILE`: writes the report, creating the file's directory. */
export async function writeJunitReport(file: string, run: RunResult): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, renderJunitReport(run));
}

function testcase(s: ScenarioResult): string {
  const open = `    <testcase classname="${JUNIT_CLASSNAME}" name="${escapeAttr(s.name)}" time="${formatSeconds(s.wallMs)}">`;
  const parts = [open];
  if (s.error) {
    parts.push(
      `      <error message="${escapeAttr(oneLine(s.error))}" type="ScenarioError">${escapeText(failureBody(s))}</error>`,
    );
  } else if (!s.passed) {
    parts.push(
      `      <failure message="${escapeAttr(failureMessage(s))}" type="ExpectationFailed">${escapeText(failureBody(s))}</failure>`,
    );
  }
  parts.push(`      <system-out>${escapeText(systemOut(s))}</system-out>`, '    </testcase>');
  return parts.join('\n');
}

/** The attribute CI shows first: how many expectations failed and the first one. */
function failureMessage(s: ScenarioResult): string {
  const failed = s.expectations.filter((e) => !e.passed);
  const first = failed[0];
  if (first) return `${failed.length} of ${s.expectations.length} expectations failed: ${oneLine(first.description)}`;
  const step = s.steps.find((st) => !st.passed);
  if (step) return `step ${step.name} failed${step.error ? `: ${oneLine(step.error)}` : ''}`;
  return `scenario ${s.name} failed`;
}

function failureBody(s: ScenarioResult): string {
  const lines: string[] = [];
  if (s.error) lines.push(`error: ${s.error}`, '');
  for (const step of s.steps.filter((st) => !st.passed)) {
    lines.push(`✗ step ${step.name}${step.error ? `: ${step.error}` : ''}`);
  }
  for (const e of s.expectations.filter((x) => !x.passed)) {
    lines.push(`✗ ${e.description}`, `  ${e.message}`);
    if (e.slice && e.slice.length > 0) lines.push(...timelineLines(e.slice, s.startedAt).map((l) => `    ${l}`));
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}

function systemOut(s: ScenarioResult): string {
  const header = `${s.title} — provider ${s.provider}, speed ${s.speed}×, seed ${s.seed}`;
  return [header, '', ...timelineLines(s.timeline, s.startedAt)].join('\n');
}
