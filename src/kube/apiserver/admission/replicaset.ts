import { nonNegative } from './field-errors.ts';
import { ensure, objAt, setDefault } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';
import { defaultPodTemplate } from './pod-spec-defaults.ts';
import { validateReplicatedTemplate, validateSelectorImmutable } from './workload.ts';

/** SetDefaults_ReplicaSet (apps/v1) and ValidateReplicaSetSpec. */
export const replicaSetAdmission: KindAdmission = {
  default(obj) {
    const spec = ensure(obj, 'spec');
    setDefault(spec, 'replicas', 1);
    defaultPodTemplate(objAt(spec, 'template'));
  },
  validate(obj, ctx) {
    const spec = objAt(obj, 'spec') ?? {};
    return [
      ...nonNegative('spec.replicas', spec['replicas']),
      ...nonNegative('spec.minReadySeconds', spec['minReadySeconds']),
      ...validateReplicatedTemplate(spec),
      ...(ctx.operation === 'UPDATE' ? validateSelectorImmutable(obj, ctx.old) : []),
    ];
  },
};
