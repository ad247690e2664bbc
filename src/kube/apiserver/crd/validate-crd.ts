import type { KubeObject } from '../../object.ts';
import type { FieldError } from '../field-error.ts';
import { crdSpec } from './crd-types.ts';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * The checks that make a CRD servable (K: apiextensions-apiserver pkg/apis/apiextensions/validation): name is
 * <plural>.<group>, a dotted group, DNS-label names, exactly one storage version, a schema per version.
 */
export function validateCrd(crd: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const spec = crdSpec(crd);
  if (!spec || typeof spec !== 'object')
    return [{ reason: 'FieldValueRequired', field: 'spec', message: 'Required value' }];
  const group = spec.group ?? '';
  const plural = spec.names?.plural ?? '';
  if (!group) errors.push({ reason: 'FieldValueRequired', field: 'spec.group', message: 'Required value' });
  else if (!group.includes('.') || !DNS_SUBDOMAIN.test(group)) {
    errors.push({
      reason: 'FieldValueInvalid',
      field: 'spec.group',
      message: `Invalid value: "${group}": should be a domain with at least one dot`,
    });
  }
  if (crd.metadata.name !== `${plural}.${group}`) {
    errors.push({
      reason: 'FieldValueInvalid',
      field: 'metadata.name',
      message: `Invalid value: "${crd.metadata.name}": must be spec.names.plural+"."+spec.group`,
    });
  }
  for (const field of ['plural', 'singular', 'kind', 'listKind'] as const) {
    const value = spec.names?.[field];
    if (field === 'plural' || field === 'kind') {
      if (!value)
        errors.push({ reason: 'FieldValueRequired', field: `spec.names.${field}`, message: 'Required value' });
    }
    if (value && (field === 'plural' || field === 'singular') && !DNS_LABEL.test(value)) {
      errors.push({
        reason: 'FieldValueInvalid',
        field: `spec.names.${field}`,
        message: `Invalid value: "${value}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character`,
      });
    }
  }
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') {
    errors.push({
      reason: 'FieldValueNotSupported',
      field: 'spec.scope',
      message: `Unsupported value: "${String(spec.scope)}": supported values: "Cluster", "Namespaced"`,
    });
  }
  const versions = spec.versions ?? [];
  if (versions.length === 0)
    errors.push({ reason: 'FieldValueRequired', field: 'spec.versions', message: 'Required value' });
  if (versions.filter((v) => v.storage).length !== 1) {
    errors.push({
      reason: 'FieldValueInvalid',
      field: 'spec.versions',
      message: `Invalid value: ${JSON.stringify(versions.map((v) => ({ name: v.name, storage: v.storage })))}: must have exactly one version marked as storage version`,
    });
  }
  versions.forEach((v, i) => {
    if (!v.schema?.openAPIV3Schema) {
      errors.push({
        reason: 'FieldValueRequired',
        field: `spec.versions[${i}].schema.openAPIV3Schema`,
        message: 'Required value: schemas are required',
      });
    }
  });
  if (old) {
    const before = crdSpec(old);
    if (before.scope !== spec.scope)
      errors.push({
        reason: 'FieldValueInvalid',
        field: 'spec.scope',
        message: `Invalid value: "${spec.scope}": field is immutable`,
      });
    if (before.group !== spec.group)
      errors.push({
        reason: 'FieldValueInvalid',
        field: 'spec.group',
        message: `Invalid value: "${spec.group}": field is immutable`,
      });
  }
  return errors;
}
