import semver from 'semver';

import type { CommandResult, CommandRunner } from '../kind/command-runner.ts';
import { KindError } from '../kind/errors.ts';
import { TOOL_CHECKS, type ToolCheck, type ToolId } from './tools.ts';

export type CheckStatus = 'ok' | 'missing' | 'too-old' | 'not-running' | 'no-version' | 'skipped';

export interface CheckResult {
  id: ToolId;
  title: string;
  status: CheckStatus;
  required: boolean;
  minimum: string;
  version?: string;
  /** What went wrong, in one line (the tool's own error when it has one). */
  problem?: string;
  /** What to do about it. */
  advice?: string;
}

export interface DoctorReport {
  checks: CheckResult[];
  /** Every required check passed: the kind provider can run. */
  ok: boolean;
}

/**
 * Checks what the kind provider needs on this machine (docker client and engine, kind, kubectl, git; helm as a
 * warning), each against its minimum version, and says what to install and how. Runs the tools through the given
 * runner, one after another.
 */
export async function runDoctor(options: { runner: CommandRunner; signal?: AbortSignal }): Promise<DoctorReport> {
  const checks: CheckResult[] = [];
  for (const check of TOOL_CHECKS) {
    const prerequisite = check.needs ? checks.find((c) => c.id === check.needs) : undefined;
    if (prerequisite && prerequisite.status === 'missing') {
      checks.push({
        ...base(check),
        status: 'skipped',
        problem: `needs the ${prerequisite.title}, which is missing`,
        advice: prerequisite.advice ?? check.install,
      });
      continue;
    }
    checks.push(await runCheck(check, options));
  }
  return { checks, ok: checks.every((c) => !c.required || c.status === 'ok') };
}

function base(check: ToolCheck) {
  return { id: check.id, title: check.title, required: check.required, minimum: check.minimum };
}

async function runCheck(
  check: ToolCheck,
  options: { runner: CommandRunner; signal?: AbortSignal },
): Promise<CheckResult> {
  let result: CommandResult;
  try {
    result = await options.runner.run(check.command, options.signal ? { signal: options.signal } : {});
  } catch (error) {
    if (error instanceof KindError && error.code === 'CommandNotFound') {
      return {
        ...base(check),
        status: 'missing',
        problem: `\`${check.command.file}\` is not on PATH`,
        advice: check.install,
      };
    }
    throw error;
  }
  const version = check.parse(result);
  if (!version) {
    const said = firstLine(result.stderr) ?? firstLine(result.stdout) ?? `exit code ${result.exitCode}`;
    return {
      ...base(check),
      status: check.id === 'docker-engine' ? 'not-running' : 'no-version',
      problem:
        check.id === 'docker-engine' ? `the engine does not answer: ${said}` : `no version in its output: ${said}`,
      advice: check.install,
    };
  }
  if (semver.lt(version, check.minimum)) {
    return {
      ...base(check),
      status: 'too-old',
      version,
      problem: `${version} is older than ${check.minimum}: ${check.why}`,
      advice: check.install,
    };
  }
  return { ...base(check), status: 'ok', version };
}

function firstLine(text: string): string | undefined {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find(Boolean) ?? undefined
  );
}

const MARK: Record<CheckStatus, string> = {
  ok: '✔',
  missing: '✖',
  'too-old': '✖',
  'not-running': '✖',
  'no-version': '✖',
  skipped: '✖',
};

/** The report as the terminal shows it: one line per tool, advice under each problem, a verdict at the end. */
export function formatDoctorReport(report: DoctorReport): string {
  const width = Math.max(...report.checks.map((c) => c.title.length));
  const lines: string[] = [];
  for (const check of report.checks) {
    const mark = check.status === 'ok' ? MARK.ok : check.required ? MARK[check.status] : '!';
    const state =
      check.status === 'ok' ? `${check.version} (minimum ${check.minimum})` : (check.problem ?? check.status);
    lines.push(
      `${mark} ${check.title.padEnd(width)}  ${state}${check.required || check.status === 'ok' ? '' : ' [optional]'}`,
    );
    if (check.status !== 'ok' && check.advice) lines.push(`  ${' '.repeat(width)}  → ${check.advice}`);
  }
  const failed = report.checks.filter((c) => c.required && c.status !== 'ok').map((c) => c.title);
  lines.push('');
  lines.push(
    report.ok
      ? 'The kind provider can run here (`gitops-sandbox up --provider kind`).'
      : `The kind provider cannot run here: fix ${failed.join(', ')}. The embedded provider (the default) needs none of these.`,
  );
  return `${lines.join('\n')}\n`;
}
