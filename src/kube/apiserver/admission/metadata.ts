import { isQualifiedName, isValidLabelValue } from '../../labels/validation.ts';
import type { KubeObject, ObjectMeta } from '../../object.ts';
import type { FieldError } from '../field-error.ts';
import { child, forbidden, immutable, invalid, nonNegative, required, tooLong } from './field-errors.ts';
import { dnsLabelName, type NameRule } from './names.ts';

/** Annotations may total 256 KiB (keys plus values), apimachinery TotalAnnotationSizeLimitB. */
const annotationSizeLimit = 256 * 1024;

export interface MetaRules {
  nameRule: NameRule;
  /** true: namespace required; false: forbidden; undefined: unknown kind, not checked. */
  namespaced?: boolean;
}

/** ValidateObjectMetaAccessor from apimachinery `api/validation/objectmeta.go`. */
export function validateObjectMeta(meta: ObjectMeta, rules: MetaRules, path = 'metadata'): FieldError[] {
  const errs: FieldError[] = [];
  if (meta.generateName) {
    for (const msg of rules.nameRule(meta.generateName, true)) {
      errs.push(invalid(child(path, 'generateName'), meta.generateName, msg));
    }
  }
  if (!meta.name) {
    // Storage turns generateName into a name before validating, so only a missing both is an error.
    if (!meta.generateName) errs.push(required(child(path, 'name'), 'name or generateName is required'));
  } else {
    for (const msg of rules.nameRule(meta.name, false)) errs.push(invalid(child(path, 'name'), meta.name, msg));
  }
  if (rules.namespaced === true) {
    if (!meta.namespace) errs.push(required(child(path, 'namespace')));
    else {
      for (const msg of dnsLabelName(meta.namespace, false)) {
        errs.push(invalid(child(path, 'namespace'), meta.namespace, msg));
      }
    }
  } else if (rules.namespaced === false && meta.namespace) {
    errs.push(forbidden(child(path, 'namespace'), 'not allowed on this type'));
  }
  errs.push(...nonNegative(child(path, 'generation'), meta.generation));
  errs.push(...validateLabels(meta.labels, child(path, 'labels')));
  errs.push(...validateAnnotations(meta.annotations, child(path, 'annotations')));
  errs.push(...validateOwnerReferences(meta.ownerReferences, child(path, 'ownerReferences')));
  errs.push(...validateFinalizers(meta.finalizers, child(path, 'finalizers')));
  return errs;
}

/** ValidateLabels: every error is reported on the map's path, not the key's. */
export function validateLabels(labels: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    for (const msg of isQualifiedName(k)) errs.push(invalid(path, k, msg));
    if (typeof v !== 'string') continue;
    for (const msg of isValidLabelValue(v)) errs.push(invalid(path, v, msg));
  }
  return errs;
}

/** ValidateAnnotations: keys are qualified names in any case; the whole map is limited in size. */
export function validateAnnotations(annotations: Record<string, string> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(path, k, msg));
    size += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  }
  if (size > annotationSizeLimit) errs.push(tooLong(path, annotationSizeLimit));
  return errs;
}

function validateOwnerReferences(refs: ObjectMeta['ownerReferences'], path: string): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    const version = ref.apiVersion?.includes('/') ? ref.apiVersion.split('/')[1] : ref.apiVersion;
    if (!version) errs.push(invalid(child(path, 'apiVersion'), ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) errs.push(invalid(child(path, 'kind'), ref.kind ?? '', 'must not be empty'));
    if (!ref.name) errs.push(invalid(child(path, 'name'), ref.name ?? '', 'must not be empty'));
    if (!ref.uid) errs.push(invalid(child(path, 'uid'), ref.uid ?? '', 'must not be empty'));
    if (ref.controller === true) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController) {
        errs.push(
          invalid(
            path,
            refs,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else firstController = current;
    }
  }
  return errs;
}

function validateFinalizers(finalizers: string[] | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const finalizer of finalizers ?? []) {
    for (const msg of isQualifiedName(finalizer)) errs.push(invalid(path, finalizer, msg));
  }
  if (finalizers?.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(invalid(path, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

/** ValidateObjectMetaUpdate: identity fields cannot change (storage has already copied them when omitted). */
export function validateObjectMetaUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const meta = obj.metadata;
  const before = old.metadata;
  if ((meta.name ?? '') !== (before.name ?? '')) errs.push(immutable('metadata.name', meta.name ?? ''));
  if ((meta.namespace ?? '') !== (before.namespace ?? '')) {
    errs.push(immutable('metadata.namespace', meta.namespace ?? ''));
  }
  if (meta.uid && before.uid && meta.uid !== before.uid) errs.push(immutable('metadata.uid', meta.uid));
  if (meta.creationTimestamp && before.creationTimestamp && meta.creationTimestamp !== before.creationTimestamp) {
    errs.push(immutable('metadata.creationTimestamp', meta.creationTimestamp));
  }
  return errs;
}
