import { goQuote } from '../../labels/go-value.ts';
import { labelSelectorFromObject } from '../../labels/selector-object.ts';
import { isValidLabelValue } from '../../labels/validation.ts';
import type { FieldError } from '../field-error.ts';
import { child, forbidden, index, invalid, required } from './field-errors.ts';
import { listAt, type Obj, objAt, strAt, stringMap } from './json.ts';
import { validateLabels } from './metadata.ts';

/** ValidateLabelSelector (apimachinery `apis/meta/v1/validation`). */
export function validateLabelSelector(selector: Obj, path: string): FieldError[] {
  const errs = validateLabels(stringMap(selector['matchLabels']), child(path, 'matchLabels'));
  listAt(selector, 'matchExpressions').forEach((expr, i) => {
    const at = index(child(path, 'matchExpressions'), i);
    const operator = strAt(expr, 'operator') ?? '';
    const values = Array.isArray(expr['values']) ? (expr['values'] as unknown[]) : [];
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) {
        errs.push(required(child(at, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      }
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length > 0) {
        errs.push(forbidden(child(at, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
    } else errs.push(invalid(child(at, 'operator'), operator, 'not a valid selector operator'));
    errs.push(...validateLabels({ [strAt(expr, 'key') ?? '']: '' }, child(at, 'key')));
    values.forEach((value, j) => {
      for (const msg of isValidLabelValue(String(value))) errs.push(invalid(index(child(at, 'values'), j), value, msg));
    });
  });
  return errs;
}

/**
 * The workload rule: a selector is required, non-empty, and must select the template's labels
 * (ValidateDeploymentSpec / ValidatePodTemplateSpecForReplicaSet).
 */
export function validateWorkloadSelector(spec: Obj, path: string, { allowEmpty = false } = {}): FieldError[] {
  const selector = objAt(spec, 'selector');
  if (!selector) return [required(child(path, 'selector'))];
  const errs = validateLabelSelector(selector, child(path, 'selector'));
  const count = Object.keys(objAt(selector, 'matchLabels') ?? {}).length + listAt(selector, 'matchExpressions').length;
  if (count === 0 && !allowEmpty) {
    errs.push(invalid(child(path, 'selector'), goLabelSelector(selector), 'empty selector is invalid for deployment'));
  }
  if (errs.length > 0 || count === 0) return errs;
  const labels = stringMap(objAt(objAt(spec, 'template'), 'metadata')?.['labels']);
  if (!labelSelectorFromObject(selector as Parameters<typeof labelSelectorFromObject>[0]).matches(labels)) {
    errs.push(
      invalid(
        child(path, 'template', 'metadata', 'labels'),
        labels ?? {},
        '`selector` does not match template `labels`',
      ),
    );
  }
  return errs;
}

/** A metav1.LabelSelector as Go's %#v prints it in "field is immutable" messages. */
export function goLabelSelector(selector: Obj | undefined): { toGo(): string } {
  return {
    toGo() {
      if (!selector) return 'null';
      const labels = stringMap(selector['matchLabels']);
      const shownLabels = labels
        ? `map[string]string{${Object.entries(labels)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => `${goQuote(k)}:${goQuote(v)}`)
            .join(', ')}}`
        : 'map[string]string(nil)';
      const exprs = Array.isArray(selector['matchExpressions'])
        ? `[]v1.LabelSelectorRequirement{${listAt(selector, 'matchExpressions')
            .map((e) => {
              const values = Array.isArray(e['values'])
                ? `[]string{${(e['values'] as unknown[]).map((v) => goQuote(String(v))).join(', ')}}`
                : '[]string(nil)';
              return `v1.LabelSelectorRequirement{Key:${goQuote(strAt(e, 'key') ?? '')}, Operator:${goQuote(strAt(e, 'operator') ?? '')}, Values:${values}}`;
            })
            .join(', ')}}`
        : '[]v1.LabelSelectorRequirement(nil)';
      return `v1.LabelSelector{MatchLabels:${shownLabels}, MatchExpressions:${exprs}}`;
    },
  };
}
