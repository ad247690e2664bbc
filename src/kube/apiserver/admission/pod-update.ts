import type { FieldError } from '../field-error.ts';
import { forbidden, invalid } from './field-errors.ts';
import { jsonEqual, listAt, type Obj, objAt } from './json.ts';

const updatable =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/**
 * ValidatePodUpdate: a pod's spec is immutable except images, activeDeadlineSeconds (only shortened), added
 * tolerations and a negative grace period becoming 1. Kubernetes appends a go-cmp diff to the message; we do not.
 */
export function validatePodSpecUpdate(spec: Obj, old: Obj): FieldError[] {
  const errs: FieldError[] = [];
  for (const list of ['containers', 'initContainers']) {
    if (listAt(spec, list).length !== listAt(old, list).length) {
      return [forbidden(`spec.${list}`, 'pod updates may not add or remove containers')];
    }
  }
  const newDeadline = spec['activeDeadlineSeconds'];
  const oldDeadline = old['activeDeadlineSeconds'];
  if (typeof oldDeadline === 'number') {
    if (typeof newDeadline !== 'number') {
      errs.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
    } else if (newDeadline > oldDeadline) {
      errs.push(invalid('spec.activeDeadlineSeconds', newDeadline, 'must be less than or equal to previous value'));
    }
  }
  const oldTolerations = listAt(old, 'tolerations');
  const newTolerations = listAt(spec, 'tolerations');
  oldTolerations.forEach((toleration, i) => {
    const kept = newTolerations.some((t) =>
      jsonEqual({ ...t, tolerationSeconds: undefined }, { ...toleration, tolerationSeconds: undefined }),
    );
    if (!kept)
      errs.push(
        forbidden(`spec.tolerations[${i}]`, 'existing toleration can not be modified except its tolerationSeconds'),
      );
  });
  // Compare everything else with the mutable fields taken from the old spec.
  const munged: Obj = { ...spec, activeDeadlineSeconds: old['activeDeadlineSeconds'], tolerations: old['tolerations'] };
  for (const list of ['containers', 'initContainers']) {
    if (spec[list] === undefined) continue;
    munged[list] = listAt(spec, list).map((c, i) => ({ ...c, image: listAt(old, list)[i]?.['image'] }));
  }
  const oldGrace = old['terminationGracePeriodSeconds'];
  if (typeof oldGrace === 'number' && oldGrace < 0 && spec['terminationGracePeriodSeconds'] === 1) {
    munged['terminationGracePeriodSeconds'] = oldGrace;
  }
  if (!jsonEqual(munged, old)) errs.push(forbidden('spec', updatable));
  return errs;
}

export const podSpecOf = (obj: unknown): Obj => objAt(obj, 'spec') ?? {};
