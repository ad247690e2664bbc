import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HttpBackendRequest {
  request: IncomingMessage;
  response: ServerResponse;
  /** GIT_PROJECT_ROOT: the folder holding `{owner}/{name}.git`. */
  projectRoot: string;
  /** Path below the project root, e.g. `/alice/app.git/info/refs`. */
  pathInfo: string;
  query: string;
  /** Set for authenticated callers; git http-backend only serves receive-pack when it is set. */
  remoteUser?: string;
  /** Extra git configuration for this request (passed as GIT_CONFIG_COUNT/KEY/VALUE). */
  config: Record<string, string>;
  env: Record<string, string>;
  signal: AbortSignal;
  /** Runs after git exits and before the response ends, so a client's `git push` returns only once it is done. */
  beforeEnd?: () => Promise<void>;
}

/**
 * Runs `git http-backend` as a CGI script: request headers become CGI variables, the request body streams into its
 * stdin (git inflates gzip bodies itself), and its stdout is parsed for CGI headers and then streamed back.
 * Resolves once the process has exited.
 */
export function runHttpBackend(options: HttpBackendRequest): Promise<number> {
  const { request, response } = options;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...options.env,
    GIT_PROJECT_ROOT: options.projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: `HTTP/${request.httpVersion}`,
    REQUEST_METHOD: request.method ?? 'GET',
    PATH_INFO: options.pathInfo,
    QUERY_STRING: options.query,
    REMOTE_ADDR: request.socket.remoteAddress ?? '127.0.0.1',
    CONTENT_TYPE: request.headers['content-type'] ?? '',
  };
  delete env.GIT_DIR;
  const length = request.headers['content-length'];
  if (length !== undefined) env.CONTENT_LENGTH = length;
  if (options.remoteUser) env.REMOTE_USER = options.remoteUser;
  const encoding = request.headers['content-encoding'];
  if (encoding) env.HTTP_CONTENT_ENCODING = encoding;
  const protocol = request.headers['git-protocol'];
  if (typeof protocol === 'string' && /^[0-9a-zA-Z]+=[0-9a-zA-Z]+(:[0-9a-zA-Z]+=[0-9a-zA-Z]+)*$/.test(protocol)) {
    env.HTTP_GIT_PROTOCOL = protocol;
  }
  const config = Object.entries(options.config);
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });

  return new Promise((resolve) => {
    const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'], signal: options.signal });
    let head = Buffer.alloc(0);
    let headersDone = false;
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.stdin.on('error', () => {}); // http-backend may answer (e.g. 404) without reading the body
    request.pipe(child.stdin);
    request.on('error', () => child.kill());

    child.stdout.on('data', (chunk: Buffer) => {
      // After a spawn error or an aborted request the answer is already over: drop what is left of git's output.
      if (response.writableEnded || (!headersDone && response.headersSent)) return;
      if (headersDone) {
        if (!response.write(chunk)) {
          child.stdout.pause();
          response.once('drain', () => child.stdout.resume());
        }
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = findHeaderEnd(head);
      if (!end) return;
      headersDone = true;
      writeCgiHead(response, head.subarray(0, end.index).toString('latin1'));
      const rest = head.subarray(end.index + end.length);
      if (rest.length > 0) response.write(rest);
    });
    child.on('error', () => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end();
    });
    child.on('close', async (code) => {
      if (!headersDone && !response.headersSent) {
        const message = Buffer.concat(stderr).toString('utf8').trim() || 'git http-backend failed';
        response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        response.end(`${message}\n`);
      } else {
        await options.beforeEnd?.().catch(() => {});
        response.end();
      }
      resolve(code ?? 1);
    });
  });
}

function findHeaderEnd(buffer: Buffer): { index: number; length: number } | undefined {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf <= lf)) return { index: crlf, length: 4 };
  if (lf >= 0) return { index: lf, length: 2 };
  return undefined;
}

function writeCgiHead(response: ServerResponse, head: string): void {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
    else headers[name] = value;
  }
  response.writeHead(status, headers);
}
