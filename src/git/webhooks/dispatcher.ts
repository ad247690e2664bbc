import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Clock } from '../../clock/index.ts';
import { messageOf } from '../../errors.ts';
import type { WebhookDelivery, WebhookOptions } from '../types.ts';
import { signPayload, signPayloadSha1 } from './signature.ts';

export interface WebhookJob {
  hookId: number;
  repo: string;
  url: string;
  method: string;
  contentType: 'json' | 'form';
  secret: string;
  authorizationHeader: string;
  event: string;
  /** The JSON payload; signatures are computed over it, as Gitea does. */
  payload: string;
}

/**
 * Delivers webhooks one at a time per hook (so a receiver sees pushes in order), retrying failures with doubling
 * back-off on the injected clock, and reports every attempt.
 */
export class WebhookDispatcher {
  readonly #clock: Clock;
  readonly #retries: number;
  readonly #backoffMs: number;
  readonly #timeoutMs: number;
  readonly #signal: AbortSignal;
  readonly #queues = new Map<number, Promise<void>>();
  readonly #listeners = new Set<(delivery: WebhookDelivery) => void>();

  constructor(options: WebhookOptions & { clock: Clock; signal: AbortSignal }) {
    this.#clock = options.clock;
    this.#retries = options.retries ?? 3;
    this.#backoffMs = options.backoffMs ?? 1000;
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#signal = options.signal;
  }

  onDelivery(listener: (delivery: WebhookDelivery) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  enqueue(job: WebhookJob): void {
    const previous = this.#queues.get(job.hookId) ?? Promise.resolve();
    const next = previous.then(() => this.#deliver(job)).catch(() => {});
    this.#queues.set(job.hookId, next);
    void next.then(() => {
      if (this.#queues.get(job.hookId) === next) this.#queues.delete(job.hookId);
    });
  }

  /** Resolves when every queued delivery has finished (or was abandoned on close). */
  async idle(): Promise<void> {
    while (this.#queues.size > 0) await Promise.all(this.#queues.values());
  }

  async #deliver(job: WebhookJob): Promise<void> {
    const deliveryId = randomUUID();
    for (let attempt = 1; attempt <= this.#retries + 1; attempt++) {
      if (this.#signal.aborted) return;
      const time = this.#clock.now();
      const result = await this.#attempt(job, deliveryId);
      const delivery: WebhookDelivery = {
        hookId: job.hookId,
        repo: job.repo,
        url: job.url,
        event: job.event,
        deliveryId,
        attempt,
        ok: result.status !== undefined && result.status >= 200 && result.status < 300,
        durationMs: this.#clock.now() - time,
        time,
        ...(result.status !== undefined && { status: result.status }),
        ...(result.error !== undefined && { error: result.error }),
      };
      if (!delivery.ok && delivery.error === undefined) delivery.error = `receiver answered ${result.status}`;
      for (const listener of this.#listeners) {
        try {
          listener(delivery);
        } catch {
          // a listener's failure must not stop deliveries
        }
      }
      if (delivery.ok || attempt > this.#retries) return;
      try {
        await this.#clock.sleep(this.#backoffMs * 2 ** (attempt - 1), this.#signal);
      } catch {
        return; // closed while backing off
      }
    }
  }

  #attempt(job: WebhookJob, deliveryId: string): Promise<{ status?: number; error?: string }> {
    const body = job.contentType === 'form' ? `payload=${encodeURIComponent(job.payload)}` : job.payload;
    const signature = signPayload(job.payload, job.secret);
    const headers: Record<string, string> = {
      'Content-Type': job.contentType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
      'User-Agent': 'GiteaServer',
      'X-Gitea-Delivery': deliveryId,
      'X-Gitea-Event': job.event,
      'X-Gitea-Event-Type': job.event,
      'X-Gitea-Signature': signature,
      'X-Gogs-Delivery': deliveryId,
      'X-Gogs-Event': job.event,
      'X-Gogs-Event-Type': job.event,
      'X-Gogs-Signature': signature,
      'X-GitHub-Delivery': deliveryId,
      'X-GitHub-Event': job.event,
      'X-GitHub-Event-Type': job.event,
      'X-Hub-Signature': `sha1=${signPayloadSha1(job.payload, job.secret)}`,
      'X-Hub-Signature-256': `sha256=${signature}`,
    };
    if (job.authorizationHeader) headers.Authorization = job.authorizationHeader;
    return new Promise((resolve) => {
      const timeout = new AbortController();
      const cancelTimer = this.#clock.setTimer(this.#timeoutMs, () =>
        timeout.abort(new Error(`no answer within ${this.#timeoutMs} ms`)),
      );
      const signal = AbortSignal.any([this.#signal, timeout.signal]);
      let url: URL;
      try {
        url = new URL(job.url);
      } catch {
        cancelTimer();
        resolve({ error: `invalid url ${job.url}` });
        return;
      }
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send(url, { method: job.method.toUpperCase(), headers, agent: false, signal }, (response) => {
        response.resume();
        response.on('end', () => {
          cancelTimer();
          resolve({ status: response.statusCode ?? 0 });
        });
        response.on('error', (error) => {
          cancelTimer();
          resolve({ status: response.statusCode ?? 0, error: messageOf(error) });
        });
      });
      request.on('error', (error) => {
        cancelTimer();
        resolve({ error: signal.aborted ? messageOf(signal.reason) : messageOf(error) });
      });
      request.end(body);
    });
  }
}
