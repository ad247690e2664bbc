import type { ResourceType } from '../resources/resource-type.ts';
import type { ResourceTypes } from '../resources/resource-types.ts';

/** A request path resolved against the served resources. */
export type Route =
  | { kind: 'resource'; type: ResourceType; namespace?: string; name?: string; subresource?: string; path: string }
  | { kind: 'group-version'; group: string; version: string }
  | { kind: 'legacy-root' }
  | { kind: 'groups-root' }
  | { kind: 'group'; group: string }
  | { kind: 'unknown' };

/**
 * /api/v1/[namespaces/{ns}/]{plural}[/{name}[/{subresource}]] and the same under /apis/{group}/{version}.
 * "namespaces" is both a resource and a scope: /api/v1/namespaces/x/pods is pods in x, /api/v1/namespaces/x/status
 * is a subresource of namespace x.
 */
export function resolveRoute(types: ResourceTypes, pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api') {
    if (parts.length === 1) return { kind: 'legacy-root' };
    group = '';
    rest = parts.slice(1);
  } else if (parts[0] === 'apis') {
    if (parts.length === 1) return { kind: 'groups-root' };
    if (parts.length === 2) return { kind: 'group', group: parts[1]! };
    group = parts[1]!;
    rest = parts.slice(2);
  } else {
    return { kind: 'unknown' };
  }
  const version = rest[0]!;
  const segments = rest.slice(1);
  if (segments.length === 0) return { kind: 'group-version', group, version };
  let namespace: string | undefined;
  if (segments[0] === 'namespaces' && segments.length >= 3) {
    const candidate = types.byResource(group, version, segments[2]!);
    if (candidate?.namespaced) {
      namespace = segments[1];
      segments.splice(0, 2);
    }
  }
  const type = types.byResource(group, version, segments[0]!);
  if (!type || segments.length > 3) return { kind: 'unknown' };
  if (!type.namespaced && namespace !== undefined) return { kind: 'unknown' };
  const route: Route = { kind: 'resource', type, path: pathname };
  if (namespace !== undefined) route.namespace = namespace;
  if (segments[1] !== undefined) route.name = segments[1];
  if (segments[2] !== undefined) {
    if (!type.subresources.includes(segments[2])) return { kind: 'unknown' };
    route.subresource = segments[2];
  }
  return route;
}
