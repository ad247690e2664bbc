import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { ScaledClock } from '../../src/clock/index.ts';
import { type GitServerOptions, type StartedGitServer, startGitServer } from '../../src/git/index.ts';

export const ADMIN = { username: 'admin', password: 'admin-password-1' };

/** A server on a free port in a temp dir, closed and removed when the test ends. */
export async function startTestServer(
  t: ExecutionContext,
  options: Partial<GitServerOptions> = {},
): Promise<{ server: StartedGitServer; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'git-server-test-'));
  const server = await startGitServer({
    dataDir: join(dir, 'data'),
    clock: new ScaledClock({ speed: 100 }),
    admin: ADMIN,
    ...options,
  });
  t.teardown(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { server, dir };
}

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real git CLI without prompts or user config, never throwing (tests assert on the exit code). */
export function git(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'user.name=Tester', '-c', 'user.email=tester@example.com', '-c', 'init.defaultBranch=main', ...args],
      {
        cwd: options.cwd,
        env: {
          ...process.env,
          GIT_TERMINAL_PROMPT: '0',
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_CONFIG_GLOBAL: '/dev/null',
          GIT_ASKPASS: '',
          ...options.env,
        },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** Like `git` but fails the test on a non-zero exit. */
export async function gitOk(args: string[], options: { cwd?: string } = {}): Promise<string> {
  const result = await git(args, options);
  if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/** `http://user:password@127.0.0.1:PORT/{path}` */
export function withAuth(server: StartedGitServer, path: string, user?: string, password?: string): string {
  const url = new URL(`${server.url}/${path}`);
  if (user !== undefined) url.username = encodeURIComponent(user);
  if (password !== undefined) url.password = encodeURIComponent(password);
  return url.href;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

/** A local webhook receiver; `respond` decides each status (default 200). */
export async function startReceiver(
  t: ExecutionContext,
  respond: (n: number) => number = () => 200,
): Promise<{ url: string; received: Received[]; next: () => Promise<Received> }> {
  const received: Received[] = [];
  const waiting: ((r: Received) => void)[] = [];
  let count = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const status = respond(++count);
      response.writeHead(status).end();
      if (status >= 200 && status < 300) {
        const entry = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
        received.push(entry);
        waiting.shift()?.(entry);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  let taken = 0;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    next: () => {
      const index = taken++;
      const ready = received[index];
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/** Resolves with the first value `listen` passes to its callback that satisfies `predicate`. */
export function waitFor<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  predicate: (value: T) => boolean = () => true,
): Promise<T> {
  return new Promise((resolve) => {
    const unsubscribe = subscribe((value) => {
      if (!predicate(value)) return;
      unsubscribe();
      resolve(value);
    });
  });
}
