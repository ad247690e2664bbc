import type { ExpectationResult } from '../../scenario/result.ts';

/**
 * The span of time an expectation looked at. ExpectationResult has no window field yet; when the assertions add
 * `window: {from, to}` it is used as is. Until then: from the first event of its slice to the later of the slice's
 * last event and the decision time; a lone decision time is a point.
 */
export function expectationWindow(e: ExpectationResult): { from: number; to: number } | undefined {
  const declared = (e as ExpectationResult & { window?: { from?: unknown; to?: unknown } }).window;
  if (declared && typeof declared.from === 'number' && typeof declared.to === 'number') {
    return { from: Math.min(declared.from, declared.to), to: Math.max(declared.from, declared.to) };
  }
  const times = (e.slice ?? []).map((s) => s.at);
  if (e.at !== undefined) times.push(e.at);
  if (times.length === 0) return undefined;
  return { from: times.reduce((a, b) => Math.min(a, b)), to: times.reduce((a, b) => Math.max(a, b)) };
}
