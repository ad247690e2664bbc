import { execa } from 'execa';
import { RepoError, type RepoErrorCode } from './errors.ts';
import type { RepoCredentials } from './url.ts';

/**
 * Wall-clock limit of one git process. Processes are real, not simulated, so this does not scale with the Clock.
 * Argo CD's repo-server uses 90 s (`ARGOCD_EXEC_TIMEOUT`).
 */
const GIT_TIMEOUT_MS = 90_000;

export interface GitRunOptions {
  args: string[];
  /** The repository the command talks to, for error messages (without credentials). */
  repoURL: string;
  revision?: string | undefined;
  cwd?: string;
  credentials?: RepoCredentials | undefined;
  env?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

/**
 * Runs the system git without prompts and without the user's or system's config, so the reconciler behaves the same
 * on every machine. Credentials go in as an `http.extraHeader` through GIT_CONFIG_* environment variables: they are
 * never written into a mirror's config and never appear on a command line that `ps` shows.
 */
export async function runGit(options: GitRunOptions): Promise<string> {
  const env: Record<string, string> = {
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    LC_ALL: 'C',
    ...options.env,
  };
  if (options.credentials) {
    const token = Buffer.from(`${options.credentials.username}:${options.credentials.password}`).toString('base64');
    env['GIT_CONFIG_COUNT'] = '1';
    env['GIT_CONFIG_KEY_0'] = 'http.extraHeader';
    env['GIT_CONFIG_VALUE_0'] = `Authorization: Basic ${token}`;
  }
  try {
    const result = await execa('git', options.args, {
      cwd: options.cwd,
      env,
      extendEnv: true,
      stdin: 'ignore',
      timeout: GIT_TIMEOUT_MS,
      cancelSignal: options.signal,
      maxBuffer: 256 * 1024 * 1024,
      stripFinalNewline: false,
    });
    return result.stdout;
  } catch (cause) {
    options.signal?.throwIfAborted();
    throw gitFailure(cause, options);
  }
}

function gitFailure(cause: unknown, options: GitRunOptions): RepoError {
  const error = cause as { code?: string; stderr?: unknown; timedOut?: boolean; shortMessage?: string };
  const what = options.revision === undefined ? '' : ` at revision '${options.revision}'`;
  const base = { repoURL: options.repoURL, revision: options.revision, cause };
  if (error.code === 'ENOENT') {
    return new RepoError('GitNotFound', 'git is not installed: install git (e.g. apt-get install git) and retry', base);
  }
  const stderr = typeof error.stderr === 'string' ? error.stderr.trim() : '';
  const detail = lastLines(stderr) || error.shortMessage || String(cause);
  const [code, advice] = classify(stderr, error.timedOut === true);
  return new RepoError(code, `repository ${options.repoURL}${what}: ${advice}: ${detail}`, base);
}

/** Maps git's stderr (LC_ALL=C) to a stable code and what the user should do. */
function classify(stderr: string, timedOut: boolean): [RepoErrorCode, string] {
  if (timedOut) return ['RepoUnreachable', `git timed out after ${GIT_TIMEOUT_MS / 1000}s; check the git server`];
  if (/Authentication failed|could not read (Username|Password)|returned error: 40[13]\b/i.test(stderr)) {
    return ['AuthenticationFailed', 'authentication failed; check the repository credentials'];
  }
  if (/repository '.*' not found|does not appear to be a git repository|returned error: 404\b/i.test(stderr)) {
    return ['RepoNotFound', 'no repository at this URL; check spec.source.repoURL'];
  }
  if (
    /unable to access|Could not resolve host|Failed to connect|Connection refused|returned error: 5\d\d|early EOF|unexpected disconnect|timed out/i.test(
      stderr,
    )
  ) {
    return ['RepoUnreachable', 'the git server is unreachable; it will be retried on the next refresh'];
  }
  return ['GitFailed', 'git failed'];
}

function lastLines(text: string): string {
  return text.split('\n').slice(-3).join(' ').trim();
}
