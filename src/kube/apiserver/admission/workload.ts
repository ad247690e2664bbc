import type { KubeObject } from '../../object.ts';
import type { FieldError } from '../field-error.ts';
import { child, forbidden, immutable, invalid, notSupported } from './field-errors.ts';
import { jsonEqual, type Obj, objAt, strAt } from './json.ts';
import { validatePodTemplate } from './pod-spec-validation.ts';
import { goLabelSelector, validateWorkloadSelector } from './selector-validation.ts';

/**
 * The template rules shared by Deployment, ReplicaSet, StatefulSet and DaemonSet: a matching selector, a valid
 * template that restarts Always and has no activeDeadlineSeconds (ValidatePodTemplateSpecForReplicaSet).
 */
export function validateReplicatedTemplate(spec: Obj, path = 'spec'): FieldError[] {
  const errs = validateWorkloadSelector(spec, path);
  const template = objAt(spec, 'template');
  errs.push(...validatePodTemplate(template, child(path, 'template')));
  const podSpec = objAt(template, 'spec');
  const restartPolicy = strAt(podSpec, 'restartPolicy');
  if (restartPolicy && restartPolicy !== 'Always') {
    errs.push(notSupported(child(path, 'template', 'spec', 'restartPolicy'), restartPolicy, ['Always']));
  }
  if (podSpec?.['activeDeadlineSeconds'] !== undefined) {
    errs.push(
      forbidden(
        child(path, 'template', 'spec', 'activeDeadlineSeconds'),
        'activeDeadlineSeconds in ReplicaSet is not Supported',
      ),
    );
  }
  return errs;
}

/** apps/v1 and batch/v1 selectors cannot change after creation. */
export function validateSelectorImmutable(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  if (!old) return [];
  const selector = objAt(objAt(obj, 'spec'), 'selector');
  if (jsonEqual(selector, objAt(objAt(old, 'spec'), 'selector'))) return [];
  return [immutable('spec.selector', goLabelSelector(selector))];
}

/** intstr.IntOrString as %#v prints it. */
export function goIntOrString(value: unknown): { toGo(): string } {
  return {
    toGo: () =>
      typeof value === 'string'
        ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(value)}}`
        : `intstr.IntOrString{Type:0, IntVal:${Number(value ?? 0)}, StrVal:""}`,
  };
}

const percentMessage =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** ValidatePositiveIntOrPercent plus IsNotMoreThan100Percent when asked. */
export function validateIntOrPercent(value: unknown, path: string, { max100 = false } = {}): FieldError[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') {
    if (!/^[0-9]+%$/.test(value)) return [invalid(path, value, percentMessage)];
    if (max100 && Number.parseInt(value, 10) > 100) return [invalid(path, value, 'must not be greater than 100%')];
    return [];
  }
  if (typeof value === 'number' && value < 0) return [invalid(path, value, 'must be greater than or equal to 0')];
  return [];
}

/** The amount an IntOrString stands for when only its zero-ness matters. */
export function intOrPercentValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number.parseInt(value, 10) || 0;
  return 0;
}
