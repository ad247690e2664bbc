import type { Taint, Toleration } from '../pod/types.ts';

/**
 * K: core/v1 Toleration.ToleratesTaint. An empty effect matches every effect, an empty key (only valid with
 * Exists) every key; the operator defaults to Equal.
 */
export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? 'Equal') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

export function tolerates(tolerations: Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** K: v1helper.FindMatchingUntoleratedTaint: the first taint with a relevant effect no toleration covers. */
export function firstUntolerated(
  taints: Taint[] | undefined,
  tolerations: Toleration[] | undefined,
  effects: readonly string[],
): Taint | undefined {
  return (taints ?? []).find((taint) => effects.includes(taint.effect) && !tolerates(tolerations, taint));
}
