import type { KubeObject } from '../../object.ts';
import type { FieldError } from '../field-error.ts';
import type { AdmissionContext } from './context.ts';
import type { NameRule } from './names.ts';

/** What the API server does to one built-in kind before storing it. Metadata is handled for every kind. */
export interface KindAdmission {
  /** How metadata.name is checked; DNS-1123 subdomain when unset. */
  nameRule?: NameRule;
  /** Mutates the object in place: defaults.go, the registry strategy's PrepareFor*, mutating admission plugins. */
  default?(obj: KubeObject, ctx: AdmissionContext): void;
  /** Everything beyond metadata; on UPDATE, ctx.old holds the stored object. */
  validate?(obj: KubeObject, ctx: AdmissionContext): FieldError[];
}
