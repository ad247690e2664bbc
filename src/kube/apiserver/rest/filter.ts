import {
  fieldSelectorMatcher,
  fieldTableFor,
  type LabelSelectorObject,
  labelSelectorFromObject,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from '../../labels/index.ts';
import type { KubeObject } from '../../object.ts';
import { badRequest } from '../api-error.ts';
import type { ResourceType } from '../resources/resource-type.ts';

/** The predicate for ?labelSelector=…&fieldSelector=…; bad selectors are 400s with Kubernetes' messages. */
export function objectFilter(
  type: ResourceType,
  labelSelector: string | null,
  fieldSelector: string | null,
): (object: KubeObject) => boolean {
  try {
    const labels = labelSelector ? parseLabelSelector(labelSelector) : undefined;
    const fields = fieldSelector
      ? fieldSelectorMatcher(parseFieldSelector(fieldSelector), fieldTableFor(type))
      : undefined;
    if (!labels && !fields) return () => true;
    return (object) => (labels?.matches(object.metadata.labels ?? {}) ?? true) && (fields?.(object) ?? true);
  } catch (error) {
    if (error instanceof SelectorError) throw badRequest(error.message);
    throw error;
  }
}

/** Whether a metav1.LabelSelector object (PDBs, workloads) selects these labels. */
export function labelSelectorMatches(
  selector: Record<string, unknown>,
  labels: Record<string, string> | undefined,
): boolean {
  return labelSelectorFromObject(selector as LabelSelectorObject).matches(labels ?? {});
}

/** A metav1.LabelSelector rendered as the string form (Scale.status.selector). */
export function labelSelectorString(selector: Record<string, unknown>): string {
  return labelSelectorFromObject(selector as LabelSelectorObject).toString();
}
