/**
 * A server for the benchmarks, run in its own process so load generation does not share its event loop.
 * `apiserver`: the embedded API server. `bare`: a bare node:http server, the baseline — it answers POST/PUT with a
 * fixed JSON body, GET with a body of the size last set by POST /__size, and streams a fixed line to every open
 * `?watch=1` request whenever it gets POST /__emit.
 */
import { createServer, type ServerResponse } from 'node:http';
import { ScaledClock } from '../../../src/clock/index.ts';
import { startApiServer } from '../../../src/kube/apiserver/server.ts';

const kind = process.argv[2];
if (kind === 'apiserver') {
  const server = await startApiServer({ clock: new ScaledClock() });
  process.stdout.write(`${server.url}\n`);
} else {
  const fixed = JSON.stringify({
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: { name: 'x', namespace: 'default', uid: 'u', resourceVersion: '1' },
    data: { a: '1' },
  });
  let getBody = fixed;
  const watchers = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const url = request.url ?? '';
      if (url.startsWith('/__size')) {
        getBody = JSON.stringify({ items: 'x'.repeat(Number(Buffer.concat(chunks).toString())) });
        response.end('ok');
      } else if (url.startsWith('/__emit')) {
        const line = `{"type":"ADDED","object":${fixed}}\n`;
        for (const w of watchers) w.write(line);
        response.end('ok');
      } else if (url.includes('watch=1')) {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.flushHeaders();
        watchers.add(response);
        response.on('close', () => watchers.delete(response));
      } else {
        const body = request.method === 'GET' ? getBody : fixed;
        response.writeHead(request.method === 'POST' ? 201 : 200, {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
        });
        response.end(body);
      }
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    process.stdout.write(`http://127.0.0.1:${address.port}\n`);
  });
}
