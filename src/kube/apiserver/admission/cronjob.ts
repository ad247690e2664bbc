import type { FieldError } from '../field-error.ts';
import { cronScheduleError } from './cron.ts';
import { invalid, nonNegative, notSupported, required } from './field-errors.ts';
import { validateJobSpecCommon } from './job-template.ts';
import { ensure, objAt, setDefault, strAt } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';
import { cronJobName } from './names.ts';
import { defaultPodTemplate } from './pod-spec-defaults.ts';

/** SetDefaults_CronJob (batch/v1) and ValidateCronJobSpec; the job template's JobSpec is not defaulted. */
export const cronJobAdmission: KindAdmission = {
  nameRule: cronJobName,
  default(obj) {
    const spec = ensure(obj, 'spec');
    setDefault(spec, 'concurrencyPolicy', 'Allow');
    setDefault(spec, 'suspend', false);
    setDefault(spec, 'successfulJobsHistoryLimit', 3);
    setDefault(spec, 'failedJobsHistoryLimit', 1);
    defaultPodTemplate(objAt(objAt(objAt(spec, 'jobTemplate'), 'spec'), 'template'));
  },
  validate(obj) {
    const spec = objAt(obj, 'spec') ?? {};
    const errs: FieldError[] = [];
    const schedule = strAt(spec, 'schedule') ?? '';
    if (schedule === '') errs.push(required('spec.schedule'));
    else if (/^\s*(CRON_)?TZ=/.test(schedule)) {
      errs.push(invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    } else {
      const error = cronScheduleError(schedule);
      if (error) errs.push(invalid('spec.schedule', schedule, error));
    }
    const policy = strAt(spec, 'concurrencyPolicy') ?? '';
    if (!['Allow', 'Forbid', 'Replace'].includes(policy)) {
      errs.push(notSupported('spec.concurrencyPolicy', policy, ['Allow', 'Forbid', 'Replace']));
    }
    errs.push(
      ...nonNegative('spec.startingDeadlineSeconds', spec['startingDeadlineSeconds']),
      ...nonNegative('spec.successfulJobsHistoryLimit', spec['successfulJobsHistoryLimit']),
      ...nonNegative('spec.failedJobsHistoryLimit', spec['failedJobsHistoryLimit']),
    );
    const jobSpec = objAt(objAt(spec, 'jobTemplate'), 'spec');
    if (!jobSpec) return [...errs, required('spec.jobTemplate.spec')];
    if (jobSpec['manualSelector'] === true) {
      errs.push(notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
    }
    errs.push(...validateJobSpecCommon(jobSpec, 'spec.jobTemplate.spec'));
    return errs;
  },
};
