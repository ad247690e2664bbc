import type { RunResult } from '../scenario/result.ts';
import { writeHtmlReport } from './html.ts';
import { writeJsonReport } from './json.ts';
import { writeJunitReport } from './junit.ts';

/** The report flags of `gitops-sandbox run`: `--json FILE`, `--junit FILE`, `--report DIR`. */
export interface ReportTargets {
  json?: string;
  junit?: string;
  /** Directory for index.html. */
  report?: string;
}

/** Writes every requested report; returns the files written, to print them. A failed write rejects. */
export async function writeReports(run: RunResult, targets: ReportTargets): Promise<string[]> {
  const written: Promise<string>[] = [];
  if (targets.json) written.push(writeJsonReport(targets.json, run).then(() => targets.json!));
  if (targets.junit) written.push(writeJunitReport(targets.junit, run).then(() => targets.junit!));
  if (targets.report) written.push(writeHtmlReport(targets.report, run));
  return Promise.all(written);
}
