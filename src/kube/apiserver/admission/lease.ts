import type { FieldError } from '../field-error.ts';
import { invalid } from './field-errors.ts';
import { objAt } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';

/** coordination/validation ValidateLeaseSpec; Leases have no defaults. */
export const leaseAdmission: KindAdmission = {
  validate(lease) {
    const spec = objAt(lease, 'spec') ?? {};
    const errs: FieldError[] = [];
    const duration = spec['leaseDurationSeconds'];
    if (typeof duration === 'number' && duration <= 0) {
      errs.push(invalid('spec.leaseDurationSeconds', duration, 'must be greater than 0'));
    }
    const transitions = spec['leaseTransitions'];
    if (typeof transitions === 'number' && transitions < 0) {
      errs.push(invalid('spec.leaseTransitions', transitions, 'must be greater than or equal to 0'));
    }
    return errs;
  },
};
