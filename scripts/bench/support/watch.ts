import type { KubeApi } from '../../../src/kube/apiserver/kube-api.ts';
import type { KubeObject } from '../../../src/kube/object.ts';

export interface Waiter {
  /** Resolves with `performance.now()` of the store event that first satisfied the predicate. */
  readonly at: Promise<number>;
  cancel(): void;
}

/**
 * Waits for an object of one kind to satisfy `predicate`, hearing every stored change the moment it is committed
 * (the API server's own watch, in process), so a latency measured with it has no polling error. Call it before the
 * action whose effect it waits for; objects already satisfying it count at once.
 */
export function waitFor(
  api: KubeApi,
  apiVersion: string,
  kind: string,
  predicate: (object: KubeObject) => boolean,
  { timeoutMs, what }: { timeoutMs: number; what: string | (() => string) },
): Waiter {
  let stop: (() => void) | undefined;
  let done = false;
  let last: KubeObject | undefined;
  let settle!: (at: number) => void;
  let fail!: (error: Error) => void;
  const at = new Promise<number>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const finish = () => {
    done = true;
    clearTimeout(timer);
    stop?.();
  };
  const timer = setTimeout(() => {
    finish();
    fail(
      new Error(
        `timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}; last seen: ${describe(last)}`,
      ),
    );
  }, timeoutMs);
  stop = api.watchKind(apiVersion, kind, (event) => {
    if (done || event.type === 'DELETED') return;
    if (!predicate(event.object)) {
      last = event.object;
      return;
    }
    const now = performance.now();
    finish();
    settle(now);
  });
  // The initial synthetic ADDED events may have matched before `stop` was assigned.
  if (done) stop();
  return {
    at,
    cancel: () => {
      if (!done) finish();
    },
  };
}

function describe(object: KubeObject | undefined): string {
  if (!object) return 'nothing';
  const { metadata, ...rest } = object;
  return JSON.stringify({ name: metadata.name, status: (rest as { status?: unknown }).status }).slice(0, 2_000);
}
