import { jsonEqual } from '../../json/json-equal.ts';
import { isPlainObject } from '../../kube/object.ts';

/**
 * The JSON merge patch (RFC 7386) that turns `from` into `to`: changed members, `null` for removed ones, arrays
 * whole. Undefined when they are equal. The Application has no status subresource, so the controller writes status
 * (and removes `operation`) by merge-patching the whole object, as argo-cd `persistAppStatus` does.
 */
export function mergePatchFor(from: unknown, to: unknown): unknown {
  if (!isPlainObject(from) || !isPlainObject(to)) return jsonEqual(from, to) ? undefined : (to ?? null);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(from)) if (to[key] === undefined && from[key] !== undefined) patch[key] = null;
  for (const [key, value] of Object.entries(to)) {
    if (value === undefined) continue;
    const child = mergePatchFor(from[key], value);
    if (child !== undefined) patch[key] = child;
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}
