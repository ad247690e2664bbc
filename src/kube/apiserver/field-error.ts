/**
 * One reason an object is invalid, shaped as a Kubernetes StatusCause (`details.causes[]` of a 422 Invalid):
 * `field` is the dotted path ("spec.template.spec.containers[0].image"), `reason` the FieldValue* type.
 */
export interface FieldError {
  reason:
    | 'FieldValueRequired'
    | 'FieldValueInvalid'
    | 'FieldValueNotSupported'
    | 'FieldValueDuplicate'
    | 'FieldValueForbidden'
    | 'FieldValueTooLong'
    | 'FieldValueTooMany'
    | 'FieldValueTypeInvalid'
    | 'FieldValueNotFound';
  field: string;
  message: string;
}

/** The message Kubernetes prints for a cause: `spec.replicas: Invalid value: -1: must be greater than or equal to 0`. */
export function describeFieldError(error: FieldError): string {
  return `${error.field}: ${error.message}`;
}
