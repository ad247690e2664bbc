import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messageOf, SandboxError } from '../../errors.ts';
import type { Faults } from './faults.ts';

/**
 * The running sandbox's control endpoint on loopback, so `gitops-sandbox node stop NAME` in another terminal can
 * reach the `up` process: POST /v1/nodes/{name}/stop|start, /v1/git/outage|restore, /v1/registry/outage|restore.
 */
export async function startControlServer(faults: Faults): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(async (request, response) => {
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method !== 'POST') return reply(405, { error: 'use POST' });
    const parts = (request.url ?? '').split('/').filter(Boolean).map(decodeURIComponent);
    try {
      if (parts[0] === 'v1' && parts[1] === 'nodes' && parts[2] && parts[3] === 'stop') await faults.stopNode(parts[2]);
      else if (parts[0] === 'v1' && parts[1] === 'nodes' && parts[2] && parts[3] === 'start')
        await faults.startNode(parts[2]);
      else if (parts.join('/') === 'v1/git/outage') await faults.gitOutage();
      else if (parts.join('/') === 'v1/git/restore') await faults.restoreGit();
      else if (parts.join('/') === 'v1/registry/outage') await faults.registryOutage();
      else if (parts.join('/') === 'v1/registry/restore') await faults.restoreRegistry();
      else return reply(404, { error: `unknown control path ${request.url}` });
      reply(200, { ok: true });
    } catch (error) {
      reply(error instanceof SandboxError ? 400 : 500, {
        error: messageOf(error),
        ...(error instanceof SandboxError ? { code: error.code } : {}),
      });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export class ControlError extends SandboxError {}

/** What the CLI calls: POST to the running sandbox's control endpoint, with its error turned into a ControlError. */
export async function sendControl(controlUrl: string, path: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${controlUrl}${path}`, { method: 'POST' });
  } catch (error) {
    throw new ControlError(
      'ControlUnreachable',
      `the sandbox's control endpoint ${controlUrl} does not answer (${messageOf(error)}); is the sandbox still running?`,
    );
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    throw new ControlError(
      'ControlFailed',
      body.error ?? `control request ${path} failed with HTTP ${response.status}`,
    );
  }
}
