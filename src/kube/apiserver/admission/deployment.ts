import type { FieldError } from '../field-error.ts';
import { child, forbidden, invalid, nonNegative, notSupported } from './field-errors.ts';
import { ensure, type Obj, objAt, setDefault, strAt } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';
import { defaultPodTemplate } from './pod-spec-defaults.ts';
import {
  goIntOrString,
  intOrPercentValue,
  validateIntOrPercent,
  validateReplicatedTemplate,
  validateSelectorImmutable,
} from './workload.ts';

/** kubernetes `pkg/apis/apps/v1/defaults.go` SetDefaults_Deployment and apps/validation ValidateDeploymentSpec. */
export const deploymentAdmission: KindAdmission = {
  default(obj) {
    const spec = ensure(obj, 'spec');
    setDefault(spec, 'replicas', 1);
    const strategy = ensure(spec, 'strategy');
    if (!strategy['type']) strategy['type'] = 'RollingUpdate';
    if (strategy['type'] === 'RollingUpdate') {
      const rollingUpdate = ensure(strategy, 'rollingUpdate');
      setDefault(rollingUpdate, 'maxUnavailable', '25%');
      setDefault(rollingUpdate, 'maxSurge', '25%');
    }
    setDefault(spec, 'revisionHistoryLimit', 10);
    setDefault(spec, 'progressDeadlineSeconds', 600);
    defaultPodTemplate(objAt(spec, 'template'));
  },
  validate(obj, ctx) {
    const spec = objAt(obj, 'spec') ?? {};
    const errs: FieldError[] = [
      ...nonNegative('spec.replicas', spec['replicas']),
      ...validateReplicatedTemplate(spec),
      ...validateStrategy(objAt(spec, 'strategy'), 'spec.strategy'),
      ...nonNegative('spec.revisionHistoryLimit', spec['revisionHistoryLimit']),
      ...nonNegative('spec.minReadySeconds', spec['minReadySeconds']),
    ];
    const deadline = spec['progressDeadlineSeconds'];
    if (typeof deadline === 'number') {
      errs.push(...nonNegative('spec.progressDeadlineSeconds', deadline));
      if (deadline <= Number(spec['minReadySeconds'] ?? 0)) {
        errs.push(invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
      }
    }
    if (ctx.operation === 'UPDATE') errs.push(...validateSelectorImmutable(obj, ctx.old));
    return errs;
  },
};

function validateStrategy(strategy: Obj | undefined, path: string): FieldError[] {
  const type = strAt(strategy, 'type') ?? '';
  if (type === 'Recreate') {
    return strategy?.['rollingUpdate']
      ? [forbidden(child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")]
      : [];
  }
  if (type !== 'RollingUpdate') return [notSupported(child(path, 'type'), type, ['Recreate', 'RollingUpdate'])];
  const rollingUpdate = objAt(strategy, 'rollingUpdate');
  if (!rollingUpdate) return [];
  const at = child(path, 'rollingUpdate');
  const errs = [
    ...validateIntOrPercent(rollingUpdate['maxUnavailable'], child(at, 'maxUnavailable'), { max100: true }),
    ...validateIntOrPercent(rollingUpdate['maxSurge'], child(at, 'maxSurge')),
  ];
  if (intOrPercentValue(rollingUpdate['maxUnavailable']) === 0 && intOrPercentValue(rollingUpdate['maxSurge']) === 0) {
    errs.push(
      invalid(
        child(at, 'maxUnavailable'),
        goIntOrString(rollingUpdate['maxUnavailable']),
        'may not be 0 when `maxSurge` is 0',
      ),
    );
  }
  return errs;
}
