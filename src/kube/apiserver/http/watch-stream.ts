import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourceType } from '../resources/resource-type.ts';
import type { ApiContext } from '../rest/api-context.ts';
import { watch } from '../rest/watch.ts';
import { jsonOf } from '../storage/json-cache.ts';

/**
 * A watch over HTTP: one JSON event per line on a chunked response, until the client goes away, the watch's
 * timeoutSeconds pass, or an ERROR event ends it. Errors found before streaming starts are thrown (plain 4xx).
 */
export function streamWatch(
  ctx: ApiContext,
  type: ResourceType,
  namespace: string | undefined,
  query: URLSearchParams,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const controller = new AbortController();
  const events: string[] = [];
  let started = false;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    controller.abort();
    ctx.openWatches.delete(end);
    response.end();
  };
  ctx.openWatches.add(end);
  const write = (line: string) => {
    if (ended) return;
    if (!started) {
      events.push(line);
      return;
    }
    response.write(line);
  };
  watch(
    ctx,
    type,
    namespace,
    query,
    (event) => {
      write(
        event.type === 'ERROR'
          ? `${JSON.stringify(event)}\n`
          : `{"type":"${event.type}","object":${jsonOf(event.object)}}\n`,
      );
      if (event.type === 'ERROR') queueMicrotask(end);
    },
    controller.signal,
  );
  response.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  started = true;
  if (events.length > 0) response.write(events.join(''));
  response.flushHeaders();
  const timeout = Number(query.get('timeoutSeconds') ?? 0);
  if (timeout > 0) ctx.clock.setTimer(timeout * 1000, end, controller.signal);
  request.on('close', end);
  response.on('close', end);
}
