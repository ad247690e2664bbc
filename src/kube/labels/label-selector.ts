import { type Labels, type Requirement, requirementMatches, requirementString } from './requirement.ts';

export interface LabelSelector {
  matches(labels: Labels): boolean;
  toString(): string;
  /** True when the selector does not restrict anything (matches every object). */
  readonly empty: boolean;
  readonly requirements: readonly Requirement[];
}

/** A selector ANDing its requirements, sorted by key as apimachinery sorts them (for a deterministic string). */
export function selectorOf(requirements: Requirement[]): LabelSelector {
  const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    requirements: sorted,
    empty: sorted.length === 0,
    matches: (labels) => sorted.every((r) => requirementMatches(r, labels)),
    toString: () => sorted.map(requirementString).join(','),
  };
}

/** labels.Everything(). */
export const everything: LabelSelector = selectorOf([]);

/** labels.Nothing(): what a nil metav1.LabelSelector converts to. */
export const nothing: LabelSelector = {
  requirements: [],
  empty: false,
  matches: () => false,
  toString: () => '',
};
