export { type CheckResult, type CheckStatus, type DoctorReport, formatDoctorReport, runDoctor } from './doctor.ts';
export { TOOL_CHECKS, type ToolCheck, type ToolId } from './tools.ts';
