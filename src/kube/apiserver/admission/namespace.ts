import { isQualifiedName } from '../../labels/validation.ts';
import type { FieldError } from '../field-error.ts';
import { invalid } from './field-errors.ts';
import { ensure, objAt } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';
import { dnsLabelName } from './names.ts';

const standardFinalizers = ['kubernetes', 'orphan', 'foregroundDeletion'];

/**
 * Namespaces: SetDefaults_Namespace labels every namespace with its name; on create the strategy sets the
 * `kubernetes` finalizer and phase Active (pkg/registry/core/namespace/strategy.go).
 */
export const namespaceAdmission: KindAdmission = {
  nameRule: dnsLabelName,
  default(ns, ctx) {
    if (ns.metadata.name) {
      ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name };
    }
    if (ctx.operation !== 'CREATE') return;
    ensure(ns, 'spec')['finalizers'] = ['kubernetes'];
    ns['status'] = { phase: 'Active' };
  },
  validate(ns) {
    const errs: FieldError[] = [];
    const finalizers = objAt(ns, 'spec')?.['finalizers'];
    for (const finalizer of Array.isArray(finalizers) ? finalizers : []) {
      const name = String(finalizer);
      const msgs = isQualifiedName(name);
      for (const msg of msgs) errs.push(invalid('spec.finalizers', name, msg));
      if (msgs.length === 0 && !name.includes('/') && !standardFinalizers.includes(name)) {
        errs.push(
          invalid('spec.finalizers', name, 'name is neither a standard finalizer name nor is it fully qualified'),
        );
      }
    }
    return errs;
  },
};
