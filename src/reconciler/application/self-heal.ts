/**
 * Self-heal back-off since Argo CD 2.14 (controller `selfHealRemainingBackoff`, flags `--self-heal-backoff-*`):
 * initial 2 s, factor 3, cap 300 s. `attempt` is the app's `autoHealAttemptsCount`; the delay counts from the last
 * operation's finishedAt. The first self-heal is immediate: 0, 2, 6, 18, 54, 162, then 300 s.
 */
export const SELF_HEAL_BACKOFF = { initialMs: 2_000, factor: 3, capMs: 300_000 } as const;

export function selfHealDelay(
  attempt: number,
  backoff: { initialMs: number; factor: number; capMs: number } = SELF_HEAL_BACKOFF,
): number {
  if (attempt <= 0) return 0;
  return Math.min(backoff.capMs, backoff.initialMs * backoff.factor ** (attempt - 1));
}
