import type { FieldError } from '../field-error.ts';
import { child, nonNegative, notSupported, required } from './field-errors.ts';
import { type Obj, objAt, strAt } from './json.ts';
import { validatePodTemplate } from './pod-spec-validation.ts';

/** The JobSpec rules shared by Jobs and CronJob job templates (batch/validation validateJobSpec). */
export function validateJobSpecCommon(spec: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [
    ...nonNegative(child(path, 'parallelism'), spec['parallelism']),
    ...nonNegative(child(path, 'completions'), spec['completions']),
    ...nonNegative(child(path, 'activeDeadlineSeconds'), spec['activeDeadlineSeconds']),
    ...nonNegative(child(path, 'backoffLimit'), spec['backoffLimit']),
    ...nonNegative(child(path, 'ttlSecondsAfterFinished'), spec['ttlSecondsAfterFinished']),
  ];
  const mode = strAt(spec, 'completionMode');
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
    errs.push(notSupported(child(path, 'completionMode'), mode, ['NonIndexed', 'Indexed']));
  }
  if (mode === 'Indexed' && spec['completions'] === undefined) {
    errs.push(required(child(path, 'completions'), 'when completion mode is Indexed'));
  }
  const template = objAt(spec, 'template');
  errs.push(...validatePodTemplate(template, child(path, 'template')));
  const restartPolicy = strAt(objAt(template, 'spec'), 'restartPolicy') ?? '';
  const restartPath = child(path, 'template', 'spec', 'restartPolicy');
  // Templates default to Always, which a Job cannot use; Kubernetes reports that (and "") as a missing value.
  if (restartPolicy === 'Always' || restartPolicy === '') {
    errs.push(required(restartPath, 'valid values: "OnFailure", "Never"'));
  } else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    errs.push(notSupported(restartPath, restartPolicy, ['OnFailure', 'Never']));
  }
  return errs;
}
