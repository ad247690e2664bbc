import { execa } from 'execa';
import { RenderError } from './errors.ts';

/** Argo CD gives config management tools 90 s (`--repo-server-timeout-seconds`); real processes, so wall time. */
const TOOL_TIMEOUT_MS = 90_000;

/** Runs helm or kubectl and returns stdout; a non-zero exit is RenderError `ToolFailed` with the tool's stderr. */
export async function runTool(options: {
  file: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string>;
  /** For messages: e.g. `helm template`. */
  what: string;
  signal?: AbortSignal | undefined;
}): Promise<string> {
  try {
    const result = await execa(options.file, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdin: 'ignore',
      timeout: TOOL_TIMEOUT_MS,
      cancelSignal: options.signal,
      maxBuffer: 256 * 1024 * 1024,
    });
    return result.stdout;
  } catch (cause) {
    options.signal?.throwIfAborted();
    const error = cause as { code?: string; stderr?: unknown; timedOut?: boolean; shortMessage?: string };
    if (error.code === 'ENOENT') {
      throw new RenderError('ToolNotFound', `${options.what}: ${options.file} is not installed`, { cause });
    }
    const stderr = typeof error.stderr === 'string' ? error.stderr.trim() : '';
    const detail = error.timedOut ? `timed out after ${TOOL_TIMEOUT_MS / 1000}s` : stderr || error.shortMessage;
    throw new RenderError('ToolFailed', `\`${options.what}\` failed: ${detail}`, { cause });
  }
}
