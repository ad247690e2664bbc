import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';

export interface Child {
  url: string;
  process: ChildProcess;
  stop(): void;
}

/** Starts scripts/bench/support/child-server.ts in its own process and waits for the URL it prints. */
export function startChild(kind: 'apiserver' | 'bare'): Promise<Child> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./child-server.ts', import.meta.url).pathname, kind],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (chunk: Buffer) =>
      resolve({ url: chunk.toString().trim(), process: child, stop: () => child.kill('SIGKILL') }),
    );
  });
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export function call(url: string, method: string, body?: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        agent,
        headers: body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {},
      },
      (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `total` requests with `concurrency` in flight; returns requests per second. */
export async function load(total: number, concurrency: number, one: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await one(next++);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}
