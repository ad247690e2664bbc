import { TrackingError } from './errors.ts';

/** The annotation Argo CD 3 tracks resources with by default (util/argo/resource_tracking.go, common). */
export const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';
/** Optional installation id annotation; when the controller has one, only objects carrying it are tracked. */
export const INSTALLATION_ID_ANNOTATION = 'argocd.argoproj.io/installation-id';

/** The parts of a tracking id (Argo CD `AppInstanceValue`). `group` is empty for core kinds. */
export interface TrackingId {
  applicationName: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** `<app>:<group>/<kind>:<namespace>/<name>`, e.g. `my-app:apps/Deployment:default/web` (`BuildAppInstanceValue`). */
export function buildTrackingId(id: TrackingId): string {
  return `${id.applicationName}:${id.group}/${id.kind}:${id.namespace}/${id.name}`;
}

/**
 * Parses a tracking id as Argo CD `ParseAppInstanceValue` does: split on the first two `:`, then each of the last two
 * parts on `/` into exactly two pieces. Throws TrackingError with Argo CD's message otherwise.
 */
export function parseTrackingId(value: string): TrackingId {
  const malformed = () =>
    new TrackingError(
      `wrong resource tracking format ${JSON.stringify(value)}, should be <application-name>:<group>/<kind>:<namespace>/<name>`,
    );
  const first = value.indexOf(':');
  const second = first < 0 ? -1 : value.indexOf(':', first + 1);
  if (second < 0) throw malformed();
  const groupKind = value.slice(first + 1, second).split('/');
  const namespaceName = value.slice(second + 1).split('/');
  if (groupKind.length !== 2 || namespaceName.length !== 2) throw malformed();
  return {
    applicationName: value.slice(0, first),
    group: groupKind[0]!,
    kind: groupKind[1]!,
    namespace: namespaceName[0]!,
    name: namespaceName[1]!,
  };
}
