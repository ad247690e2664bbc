import { spawn } from 'node:child_process';
import { GitServerError } from '../errors.ts';

export interface GitRunOptions {
  /** The bare repository (sets GIT_DIR). */
  gitDir: string;
  input?: string | Buffer;
  env?: Record<string, string>;
  signal?: AbortSignal;
  /** Exit codes that are not failures (e.g. 1 for "not found" answers). */
  okCodes?: number[];
}

export interface GitResult {
  stdout: Buffer;
  code: number;
}

/** Runs one git command against a bare repository and collects its output; non-zero exits become errors. */
export function runGit(args: string[], options: GitRunOptions): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      env: { ...process.env, ...options.env, GIT_DIR: options.gitDir, LC_ALL: 'C' },
      stdio: ['pipe', 'pipe', 'pipe'],
      signal: options.signal,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (cause) =>
      reject(new GitServerError('GIT_COMMAND_FAILED', `git ${args[0]} could not run: ${cause.message}`, { cause })),
    );
    child.on('close', (code) => {
      const exit = code ?? 1;
      if (exit === 0 || options.okCodes?.includes(exit)) {
        resolve({ stdout: Buffer.concat(out), code: exit });
        return;
      }
      const stderr = Buffer.concat(err).toString('utf8').trim();
      reject(new GitServerError('GIT_COMMAND_FAILED', `git ${args.join(' ')} failed (exit ${exit}): ${stderr}`));
    });
    child.stdin.on('error', () => {}); // the command may exit before reading all input
    child.stdin.end(options.input ?? '');
  });
}

/** stdout as trimmed text. */
export async function gitText(args: string[], options: GitRunOptions): Promise<string> {
  return (await runGit(args, options)).stdout.toString('utf8').trim();
}
