import { type KubeObject, parseApiVersion } from '../../object.ts';
import type { FieldError } from '../field-error.ts';
import { builtinResourceTypes } from '../resources/builtin.ts';
import type { AdmissionContext } from './context.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from './metadata.ts';
import { dnsSubdomainName } from './names.ts';
import { admissionTable } from './table.ts';

export type { AdmissionContext } from './context.ts';
export type { KindAdmission } from './kind-admission.ts';
export { admissionTable } from './table.ts';

/** Random suffixes are 5 characters and names at most 63, so the prefix keeps 58 (SimpleNameGenerator). */
const maxGenerateNamePrefix = 58;

function admissionFor(obj: KubeObject) {
  return admissionTable[`${parseApiVersion(obj.apiVersion).group}/${obj.kind}`];
}

let scopes: Map<string, boolean> | undefined;

/** Whether a built-in kind is namespaced; undefined for kinds the table does not know (CRDs). */
function namespaced(obj: KubeObject): boolean | undefined {
  scopes ??= new Map(
    builtinResourceTypes()
      .filter((t) => !t.crd)
      .map((t) => [`${t.group}/${t.kind}`, t.namespaced]),
  );
  return scopes.get(`${parseApiVersion(obj.apiVersion).group}/${obj.kind}`);
}

/**
 * Applies what a real API server applies before storing a built-in object: on CREATE a name from generateName,
 * then the kind's defaults (mutating admission, v1 defaulters, strategy preparation). Mutates `obj`.
 * Call after metadata.uid is assigned (Jobs label their pods with it); status-preserving rules of the
 * registries (e.g. "an update of the main resource keeps the old status") are the caller's.
 */
export function defaultObject(obj: KubeObject, ctx: AdmissionContext): void {
  obj.metadata ??= {};
  const meta = obj.metadata;
  if (ctx.operation === 'CREATE' && !meta.name && meta.generateName) {
    meta.name = meta.generateName.slice(0, maxGenerateNamePrefix) + ctx.random.suffix(5);
  }
  admissionFor(obj)?.default?.(obj, ctx);
}

/**
 * Validates an object as kube-apiserver would before storing it: metadata for every kind (name rule per kind,
 * namespace required or forbidden for built-ins), then the kind's own rules, and on UPDATE the immutability rules
 * against ctx.old. Returns [] when valid; else the causes of a 422 Invalid, worded like Kubernetes'.
 */
export function validateObject(obj: KubeObject, ctx: AdmissionContext): FieldError[] {
  const admission = admissionFor(obj);
  const errs = validateObjectMeta(obj.metadata ?? {}, {
    nameRule: admission?.nameRule ?? dnsSubdomainName,
    namespaced: namespaced(obj),
  });
  if (ctx.operation === 'UPDATE' && ctx.old) errs.push(...validateObjectMetaUpdate(obj, ctx.old));
  if (admission?.validate) errs.push(...admission.validate(obj, ctx));
  return errs;
}
