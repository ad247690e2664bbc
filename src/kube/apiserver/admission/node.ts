import { isQualifiedName, isValidLabelValue } from '../../labels/validation.ts';
import type { FieldError } from '../field-error.ts';
import { child, duplicate, index, invalid, notSupported, required } from './field-errors.ts';
import { ensure, listAt, objAt, setDefault, strAt } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';

const effects = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];

/** SetDefaults_NodeStatus (allocatable defaults to capacity) and ValidateNode's taint checks. */
export const nodeAdmission: KindAdmission = {
  default(node) {
    const status = objAt(node, 'status');
    const capacity = objAt(status, 'capacity');
    if (status && capacity) setDefault(status, 'allocatable', { ...capacity });
    ensure(node, 'spec');
  },
  validate(node) {
    const errs: FieldError[] = [];
    const seen = new Set<string>();
    listAt(objAt(node, 'spec'), 'taints').forEach((taint, i) => {
      const at = index('spec.taints', i);
      const key = strAt(taint, 'key') ?? '';
      if (key === '') errs.push(required(child(at, 'key')));
      else for (const msg of isQualifiedName(key)) errs.push(invalid(child(at, 'key'), key, msg));
      const value = strAt(taint, 'value') ?? '';
      for (const msg of isValidLabelValue(value)) errs.push(invalid(child(at, 'value'), value, msg));
      const effect = strAt(taint, 'effect') ?? '';
      if (effect === '') errs.push(required(child(at, 'effect')));
      else if (!effects.includes(effect)) errs.push(notSupported(child(at, 'effect'), effect, effects));
      const id = `${key}:${effect}`;
      if (seen.has(id)) errs.push(duplicate(at, `${key}=${value}:${effect}`));
      seen.add(id);
    });
    return errs;
  },
};
