import type { KubeObject } from '../../object.ts';
import type { FieldError } from '../field-error.ts';
import { immutable } from './field-errors.ts';
import { validateJobSpecCommon } from './job-template.ts';
import { ensure, jsonEqual, type Obj, objAt, setDefault } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';
import { defaultPodTemplate } from './pod-spec-defaults.ts';
import { validateWorkloadSelector } from './selector-validation.ts';
import { validateSelectorImmutable } from './workload.ts';

/**
 * SetDefaults_Job (batch/v1) and, on create, the Job strategy's generated selector (pkg/registry/batch/job):
 * the template gets job-name and controller-uid labels (legacy and batch.kubernetes.io/ forms) from the object's
 * name and uid, so call this after the uid is assigned.
 */
export const jobAdmission: KindAdmission = {
  default(obj, ctx) {
    const spec = ensure(obj, 'spec');
    if (spec['completions'] === undefined && spec['parallelism'] === undefined) {
      spec['completions'] = 1;
      spec['parallelism'] = 1;
    }
    setDefault(spec, 'parallelism', 1);
    setDefault(spec, 'backoffLimit', spec['backoffLimitPerIndex'] === undefined ? 6 : 2147483647);
    setDefault(spec, 'completionMode', 'NonIndexed');
    setDefault(spec, 'suspend', false);
    setDefault(spec, 'manualSelector', false);
    setDefault(spec, 'podReplacementPolicy', spec['podFailurePolicy'] ? 'Failed' : 'TerminatingOrFailed');
    const template = ensure(spec, 'template');
    defaultPodTemplate(template);
    if (ctx.operation === 'CREATE' && spec['manualSelector'] !== true) generateSelector(obj, spec, template);
    // SetDefaults_Job shares the template's label map when the Job has none; reads from storage show them.
    const labels = objAt(objAt(template, 'metadata'), 'labels');
    if (labels && Object.keys(obj.metadata.labels ?? {}).length === 0) {
      obj.metadata.labels = { ...(labels as Record<string, string>) };
    }
  },
  validate(obj, ctx) {
    const spec = objAt(obj, 'spec') ?? {};
    const errs: FieldError[] = [
      ...validateWorkloadSelector(spec, 'spec', { allowEmpty: true }),
      ...validateJobSpecCommon(spec, 'spec'),
    ];
    const old = objAt(ctx.old, 'spec');
    if (ctx.operation === 'UPDATE' && old) {
      errs.push(...validateSelectorImmutable(obj, ctx.old));
      if (!jsonEqual(spec['template'], old['template'])) errs.push(immutable('spec.template', spec['template']));
      if (spec['completionMode'] !== old['completionMode']) {
        errs.push(immutable('spec.completionMode', spec['completionMode']));
      }
      if (spec['completionMode'] !== 'Indexed' && spec['completions'] !== old['completions']) {
        errs.push(immutable('spec.completions', spec['completions']));
      }
    }
    return errs;
  },
};

function generateSelector(job: KubeObject, spec: Obj, template: Obj): void {
  const name = job.metadata.name ?? '';
  const uid = job.metadata.uid ?? '';
  const labels = ensure(ensure(template, 'metadata'), 'labels');
  for (const key of ['job-name', 'batch.kubernetes.io/job-name']) setDefault(labels, key, name);
  for (const key of ['controller-uid', 'batch.kubernetes.io/controller-uid']) setDefault(labels, key, uid);
  const matchLabels = ensure(ensure(spec, 'selector'), 'matchLabels');
  setDefault(matchLabels, 'batch.kubernetes.io/controller-uid', uid);
}
