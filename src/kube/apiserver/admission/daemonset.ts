import type { FieldError } from '../field-error.ts';
import { nonNegative, notSupported } from './field-errors.ts';
import { ensure, objAt, setDefault, strAt } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';
import { defaultPodTemplate } from './pod-spec-defaults.ts';
import { validateIntOrPercent, validateReplicatedTemplate, validateSelectorImmutable } from './workload.ts';

/** SetDefaults_DaemonSet (apps/v1) and ValidateDaemonSetSpec. */
export const daemonSetAdmission: KindAdmission = {
  default(obj) {
    const spec = ensure(obj, 'spec');
    const strategy = ensure(spec, 'updateStrategy');
    if (!strategy['type']) strategy['type'] = 'RollingUpdate';
    if (strategy['type'] === 'RollingUpdate') {
      const rollingUpdate = ensure(strategy, 'rollingUpdate');
      setDefault(rollingUpdate, 'maxUnavailable', 1);
      setDefault(rollingUpdate, 'maxSurge', 0);
    }
    setDefault(spec, 'revisionHistoryLimit', 10);
    defaultPodTemplate(objAt(spec, 'template'));
  },
  validate(obj, ctx) {
    const spec = objAt(obj, 'spec') ?? {};
    const strategy = objAt(spec, 'updateStrategy');
    const type = strAt(strategy, 'type') ?? '';
    const errs: FieldError[] = [
      ...validateReplicatedTemplate(spec),
      ...nonNegative('spec.minReadySeconds', spec['minReadySeconds']),
      ...nonNegative('spec.revisionHistoryLimit', spec['revisionHistoryLimit']),
    ];
    if (type !== 'OnDelete' && type !== 'RollingUpdate') {
      errs.push(notSupported('spec.updateStrategy.type', type, ['OnDelete', 'RollingUpdate']));
    }
    const rollingUpdate = objAt(strategy, 'rollingUpdate');
    errs.push(
      ...validateIntOrPercent(rollingUpdate?.['maxUnavailable'], 'spec.updateStrategy.rollingUpdate.maxUnavailable', {
        max100: true,
      }),
      ...validateIntOrPercent(rollingUpdate?.['maxSurge'], 'spec.updateStrategy.rollingUpdate.maxSurge', {
        max100: true,
      }),
    );
    if (ctx.operation === 'UPDATE') errs.push(...validateSelectorImmutable(obj, ctx.old));
    return errs;
  },
};
