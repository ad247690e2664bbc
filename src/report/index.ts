/** Reports of scenario runs: terminal table, live view, JSON, JUnit XML and the standalone HTML page. */
export { colorEnabled } from './ansi.ts';
export { renderHtmlReport, writeHtmlReport } from './html.ts';
export { JSON_REPORT_VERSION, renderJsonReport, toJsonReport, writeJsonReport } from './json.ts';
export { JUNIT_CLASSNAME, renderJunitReport, writeJunitReport } from './junit.ts';
export { createLiveView, type LiveStream, type LiveView, type LiveViewOptions } from './live.ts';
export { renderSwimlane } from './svg/swimlane.ts';
export { renderTerminalReport, type TerminalReportOptions, writeTerminalReport } from './terminal.ts';
export { type ReportTargets, writeReports } from './write.ts';
