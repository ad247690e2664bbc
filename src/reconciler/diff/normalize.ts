import type { KubeObject } from '../../kube/object.ts';
import type { ResourceIgnoreDifferences } from '../application/types.ts';
import { compileIgnoreRules, rulesFor } from './ignore-rules.ts';
import type { Location } from './jq-path.ts';
import { removeOwnedFields } from './managed-fields.ts';
import { pointerLocation, removeLocations } from './remove.ts';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Metadata the server owns and that says nothing about desired state. */
const SERVER_METADATA = [
  'managedFields',
  'resourceVersion',
  'generation',
  'uid',
  'creationTimestamp',
  'selfLink',
] as const;

export interface NormalizeOptions {
  ignoreDifferences?: ResourceIgnoreDifferences[] | undefined;
  /**
   * Whose managedFields decide what `managedFieldsManagers` own; the live object, so that the same fields go from
   * both sides (the predicted object's managedFields already moved ownership to us). Default: the object itself.
   */
  managedFieldsSource?: KubeObject | undefined;
}

/**
 * A copy of `obj` as the comparison sees it: no `status` (Argo CD's default `ignoreResourceStatusField: all`), no
 * server-owned metadata, no last-applied annotation, and with the app's ignoreDifferences removed — jsonPointers,
 * the supported jqPathExpressions, and the fields owned by managedFieldsManagers (gitops-engine diff.Normalize with
 * argo-cd util/argo/normalizers and util/argo/managedfields).
 */
export function normalize(obj: KubeObject, options: NormalizeOptions = {}): KubeObject {
  const copy = structuredClone(obj);
  const rules = rulesFor(compileIgnoreRules(options.ignoreDifferences).rules, obj);
  const managers = rules.flatMap((r) => r.managedFieldsManagers);
  if (managers.length > 0) removeOwnedFields(options.managedFieldsSource ?? obj, managers, copy);
  const locations: Location[] = [];
  for (const rule of rules) {
    for (const pointer of rule.jsonPointers) {
      const location = pointerLocation(copy, pointer);
      if (location && location.length > 0) locations.push(location);
    }
    for (const path of rule.jqPaths) locations.push(...path.locate(copy));
  }
  removeLocations(copy, locations);

  delete copy.status;
  const metadata = copy.metadata ?? {};
  for (const field of SERVER_METADATA) Reflect.deleteProperty(metadata, field);
  if (metadata.annotations) {
    delete metadata.annotations[LAST_APPLIED_ANNOTATION];
    if (Object.keys(metadata.annotations).length === 0) delete metadata.annotations;
  }
  return copy;
}
