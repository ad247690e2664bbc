import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messageOf } from '../../errors.ts';
import {
  DEFAULT_MAX_PAYLOAD_BYTES,
  type PushEvent,
  parseWebhook,
  WebhookError,
  type WebhookSecrets,
} from '../webhook/index.ts';
import { ControllerError } from './errors.ts';
import type { Logger } from './log.ts';

export interface WebhookServerOptions {
  host?: string;
  port?: number;
  secrets?: WebhookSecrets;
  maxPayloadBytes?: number;
  log: Logger;
  /** Called for every verified push; must not throw. */
  onPush(push: PushEvent): void;
}

export interface StartedWebhookServer {
  /** `http://127.0.0.1:PORT/api/webhook` */
  url: string;
  close(): Promise<void>;
}

/**
 * Argo CD's `POST /api/webhook` (util/webhook/webhook.go): Gogs/Gitea, GitHub and GitLab pushes, verified with the
 * configured secrets (401 when a signature is wrong or missing), bodies over the limit refused with 413 without
 * reading further, anything else answered 200 and handled after the response, as Argo CD queues it.
 */
export async function startWebhookServer(options: WebhookServerOptions): Promise<StartedWebhookServer> {
  const max = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const server = createServer((req, res) => {
    handle(req, res, options, max).catch((error) => {
      options.log.error('webhook handler failed', { error: messageOf(error) });
      if (!res.headersSent) reply(res, 500, 'internal error');
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new ControllerError(
          'CONTROLLER_WEBHOOK_LISTEN_FAILED',
          `the webhook receiver cannot listen on ${host}:${options.port ?? 0}: ${error.message}; choose another --webhook-port`,
          { cause: error },
        ),
      ),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/api/webhook`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: WebhookServerOptions,
  max: number,
): Promise<void> {
  const path = (req.url ?? '').split('?')[0];
  if (path !== '/api/webhook') return reply(res, 404, 'not found');
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return reply(res, 405, 'method not allowed');
  }
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > max) return tooLarge(req, res, declared, max);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return tooLarge(req, res, size, max);
    chunks.push(chunk);
  }
  let event: ReturnType<typeof parseWebhook>;
  try {
    event = parseWebhook(
      { headers: req.headers, body: Buffer.concat(chunks) },
      { secrets: options.secrets ?? {}, maxPayloadBytes: max },
    );
  } catch (error) {
    if (error instanceof WebhookError) {
      options.log.warn('webhook refused', { code: error.code, error: error.message });
      return reply(res, error.httpStatus, error.message);
    }
    throw error;
  }
  reply(res, 200, 'queued');
  if (event.type === 'push') {
    options.log.info('webhook push', { repo: event.webUrl, revision: event.revision, provider: event.provider });
    options.onPush(event);
  }
}

function tooLarge(req: IncomingMessage, res: ServerResponse, size: number, max: number): void {
  res.setHeader('Connection', 'close');
  res.once('finish', () => req.destroy());
  reply(res, 413, `webhook payload of at least ${size} bytes exceeds the limit of ${max} bytes`);
}

function reply(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}
