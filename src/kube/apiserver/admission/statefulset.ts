import type { FieldError } from '../field-error.ts';
import { forbidden, nonNegative, notSupported } from './field-errors.ts';
import { ensure, jsonEqual, listAt, objAt, setDefault, setDefaultString, strAt } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';
import { defaultPodTemplate } from './pod-spec-defaults.ts';
import { validateReplicatedTemplate } from './workload.ts';

/** Fields of a StatefulSet spec that may change (ValidateStatefulSetUpdate). */
const mutable = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

/** SetDefaults_StatefulSet (apps/v1) and ValidateStatefulSetSpec. */
export const statefulSetAdmission: KindAdmission = {
  default(obj) {
    const spec = ensure(obj, 'spec');
    setDefaultString(spec, 'podManagementPolicy', 'OrderedReady');
    const strategy = ensure(spec, 'updateStrategy');
    if (!strategy['type']) strategy['type'] = 'RollingUpdate';
    if (strategy['type'] === 'RollingUpdate') setDefault(ensure(strategy, 'rollingUpdate'), 'partition', 0);
    // StatefulSetAutoDeletePVC is on by default since v1.27.
    const retention = ensure(spec, 'persistentVolumeClaimRetentionPolicy');
    setDefaultString(retention, 'whenDeleted', 'Retain');
    setDefaultString(retention, 'whenScaled', 'Retain');
    setDefault(spec, 'replicas', 1);
    setDefault(spec, 'revisionHistoryLimit', 10);
    defaultPodTemplate(objAt(spec, 'template'));
    for (const claim of listAt(spec, 'volumeClaimTemplates')) {
      setDefaultString(ensure(claim, 'spec'), 'volumeMode', 'Filesystem');
      setDefaultString(ensure(claim, 'status'), 'phase', 'Pending');
    }
  },
  validate(obj, ctx) {
    const spec = objAt(obj, 'spec') ?? {};
    const errs: FieldError[] = [];
    const policy = strAt(spec, 'podManagementPolicy') ?? '';
    if (policy !== 'OrderedReady' && policy !== 'Parallel') {
      errs.push(notSupported('spec.podManagementPolicy', policy, ['OrderedReady', 'Parallel']));
    }
    const type = strAt(objAt(spec, 'updateStrategy'), 'type') ?? '';
    if (type !== 'OnDelete' && type !== 'RollingUpdate') {
      errs.push(notSupported('spec.updateStrategy.type', type, ['OnDelete', 'RollingUpdate']));
    }
    errs.push(
      ...nonNegative('spec.replicas', spec['replicas']),
      ...nonNegative('spec.minReadySeconds', spec['minReadySeconds']),
      ...validateReplicatedTemplate(spec),
    );
    const old = objAt(ctx.old, 'spec');
    if (ctx.operation === 'UPDATE' && old) {
      const frozen = (s: Record<string, unknown>) =>
        Object.fromEntries(Object.entries(s).filter(([k]) => !mutable.includes(k)));
      if (!jsonEqual(frozen(spec), frozen(old))) {
        errs.push(
          forbidden(
            'spec',
            "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
          ),
        );
      }
    }
    return errs;
  },
};
