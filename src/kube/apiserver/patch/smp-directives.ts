/** The directive keys of a strategic merge patch, as kubectl and client-go emit them. */
export const PATCH_DIRECTIVE = '$patch';
export const RETAIN_KEYS = '$retainKeys';
export const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder/';
export const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList/';

export function isDirectiveKey(key: string): boolean {
  return key.startsWith('$');
}
