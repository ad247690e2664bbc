/**
 * Clone and push times of a ~200-file repository through the embedded git server, beside the same `git http-backend`
 * behind a bare node:http CGI bridge (no auth, no API, no push events): the ratio is what our layer costs.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { giteaApi } from 'gitea-js';
import { ScaledClock } from '../../src/clock/index.ts';
import { startGitServer } from '../../src/git/index.ts';
import type { Bench, BenchFigure } from './report.ts';

const run = promisify(execFile);
const IDENTITY = ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', '-c', 'init.defaultBranch=main'];

async function git(args: string[], cwd?: string): Promise<void> {
  await run('git', [...IDENTITY, ...args], {
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_GLOBAL: '/dev/null' },
    maxBuffer: 64 * 1024 * 1024,
  });
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** A working copy with ~200 files over a few commits, like a GitOps repo of apps and overlays. */
async function makeSource(dir: string): Promise<void> {
  await git(['init', '-q', dir]);
  for (let app = 0; app < 20; app++) {
    for (let file = 0; file < 10; file++) {
      const folder = join(dir, 'apps', `app-${app}`, file < 5 ? 'base' : 'overlays/prod');
      await mkdir(folder, { recursive: true });
      const lines = Array.from({ length: 40 }, (_, i) => `  key${i}: value-${app}-${file}-${i}`).join('\n');
      await writeFile(join(folder, `resource-${file}.yaml`), `kind: ConfigMap\ndata:\n${lines}\n`);
    }
    if (app % 5 === 4) {
      await git(['add', '.'], dir);
      await git(['commit', '-qm', `apps up to ${app}`], dir);
    }
  }
}

/** The reference: git http-backend behind node:http with the smallest CGI bridge that works. */
async function startBareBackend(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REMOTE_USER: 'bench',
      REQUEST_METHOD: request.method ?? 'GET',
      PATH_INFO: url.pathname,
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: request.headers['content-type'] ?? '',
    };
    if (request.headers['content-length']) env.CONTENT_LENGTH = request.headers['content-length'];
    if (request.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = request.headers['content-encoding'];
    if (typeof request.headers['git-protocol'] === 'string') env.HTTP_GIT_PROTOCOL = request.headers['git-protocol'];
    const child = spawn('git', ['http-backend'], { env });
    request.pipe(child.stdin);
    let head = Buffer.alloc(0);
    let started = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (started) return void response.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      started = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const [name = '', ...rest] = line.split(':');
        if (name.toLowerCase() === 'status') status = Number.parseInt(rest.join(':'), 10);
        else response.setHeader(name, rest.join(':').trim());
      }
      response.writeHead(status);
      response.write(head.subarray(end + 4));
    });
    child.on('close', () => response.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const bench: Bench = {
  title: 'git server: clone and push of a ~200-file repository (ms, median)',
  async run({ quick }) {
    const rounds = quick ? 3 : 9;
    const dir = await mkdtemp(join(tmpdir(), 'git-bench-'));
    const ours = await startGitServer({
      dataDir: join(dir, 'data'),
      clock: new ScaledClock(),
      admin: { username: 'bench', password: 'bench-password' },
    });
    const bareRoot = join(dir, 'bare');
    const bare = await startBareBackend(bareRoot);
    try {
      const source = join(dir, 'source');
      await makeSource(source);
      const api = giteaApi(ours.url, { token: ours.token });
      const oursUrl = (name: string) => {
        const url = new URL(`${ours.url}/bench/${name}.git`);
        url.username = 'bench';
        url.password = 'bench-password';
        return url.href;
      };
      const times = { oursPush: [] as number[], barePush: [] as number[], oursClone: [] as number[] };
      const more = { bareClone: [] as number[], oursCommit: [] as number[], bareCommit: [] as number[] };

      for (let i = 0; i < rounds; i++) {
        await api.user.createCurrentUserRepo({ name: `repo-${i}` });
        await git(['init', '-q', '--bare', join(bareRoot, `repo-${i}.git`)]);
        times.oursPush.push(await timed(() => git(['push', '-q', oursUrl(`repo-${i}`), 'main'], source)));
        times.barePush.push(await timed(() => git(['push', '-q', `${bare.url}/repo-${i}.git`, 'main'], source)));
      }
      for (let i = 0; i < rounds; i++) {
        const target = (side: string) => join(dir, `clone-${side}-${i}`);
        times.oursClone.push(await timed(() => git(['clone', '-q', oursUrl('repo-0'), target('ours')])));
        more.bareClone.push(await timed(() => git(['clone', '-q', `${bare.url}/repo-0.git`, target('bare')])));
      }
      for (let i = 0; i < rounds; i++) {
        for (const side of ['ours', 'bare'] as const) {
          const work = join(dir, `clone-${side}-0`);
          await writeFile(join(work, 'apps', 'app-0', 'base', 'resource-0.yaml'), `kind: ConfigMap\n# ${side} ${i}\n`);
          await git(['commit', '-qam', `bump ${i}`], work);
          const took = await timed(() => git(['push', '-q', 'origin', 'main'], work));
          (side === 'ours' ? more.oursCommit : more.bareCommit).push(took);
        }
      }
      const baseline = 'git http-backend behind bare node:http';
      const figure = (name: string, value: number[], base: number[]): BenchFigure => ({
        name,
        value: median(value),
        unit: 'ms',
        baseline: { name: baseline, value: median(base) },
        lowerIsBetter: true,
      });
      return [
        figure('clone (200 files, 4 commits)', times.oursClone, more.bareClone),
        figure('push into an empty repository', times.oursPush, times.barePush),
        figure('push one commit (with push event)', more.oursCommit, more.bareCommit),
      ];
    } finally {
      await ours.close();
      bare.server.closeAllConnections();
      await new Promise<void>((resolve) => bare.server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
