import type { FieldError } from '../field-error.ts';
import { objAt } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';
import { defaultPod } from './pod-defaults.ts';
import { validatePodSpec } from './pod-spec-validation.ts';
import { validatePodSpecUpdate } from './pod-update.ts';

export const podAdmission: KindAdmission = {
  default: defaultPod,
  validate(pod, ctx) {
    const errs: FieldError[] = validatePodSpec(objAt(pod, 'spec'), 'spec');
    const oldSpec = objAt(ctx.old, 'spec');
    const spec = objAt(pod, 'spec');
    if (ctx.operation === 'UPDATE' && oldSpec && spec) errs.push(...validatePodSpecUpdate(spec, oldSpec));
    return errs;
  },
};
