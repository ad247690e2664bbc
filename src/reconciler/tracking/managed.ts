import { type KubeObject, parseApiVersion } from '../../kube/object.ts';
import { appInstanceName } from './instance-name.ts';
import {
  buildTrackingId,
  INSTALLATION_ID_ANNOTATION,
  parseTrackingId,
  TRACKING_ANNOTATION,
  type TrackingId,
} from './tracking-id.ts';

/**
 * The tracking id an object gets when the app applies it (`UnstructuredToAppInstanceValue`): its own namespace, or
 * the app's destination namespace when it has none — so cluster-scoped objects carry the destination namespace.
 */
export function trackingIdFor(
  obj: KubeObject,
  options: { appInstanceName: string; destinationNamespace: string },
): TrackingId {
  return {
    applicationName: options.appInstanceName,
    group: parseApiVersion(obj.apiVersion).group,
    kind: obj.kind,
    namespace: obj.metadata.namespace || options.destinationNamespace,
    name: obj.metadata.name ?? '',
  };
}

/** A copy of `obj` with its tracking annotation (and the installation id, when there is one) set. */
export function withTrackingId(
  obj: KubeObject,
  options: { appInstanceName: string; destinationNamespace: string; installationId?: string },
): KubeObject {
  const annotations: Record<string, string> = {
    ...obj.metadata.annotations,
    [TRACKING_ANNOTATION]: buildTrackingId(trackingIdFor(obj, options)),
  };
  if (options.installationId) annotations[INSTALLATION_ID_ANNOTATION] = options.installationId;
  return { ...obj, metadata: { ...obj.metadata, annotations } };
}

/**
 * The object's tracking id, or undefined when it has none, it does not parse, or it belongs to another installation
 * (Argo CD `getAppInstanceValue`: the installation-id annotation must equal the controller's, both possibly empty).
 */
export function readTrackingId(obj: KubeObject, installationId = ''): TrackingId | undefined {
  const annotations = obj.metadata.annotations ?? {};
  if ((annotations[INSTALLATION_ID_ANNOTATION] ?? '') !== installationId) return undefined;
  const value = annotations[TRACKING_ANNOTATION];
  if (value === undefined) return undefined;
  try {
    return parseTrackingId(value);
  } catch {
    return undefined;
  }
}

/**
 * Whether a tracking id describes this very object (controller/state.go `isSelfReferencedObj`). It does not when
 * the annotation was copied onto another object — `kubectl get -o yaml | sed | kubectl apply`, or a controller
 * copying metadata from its parent — and then Argo CD must neither adopt nor prune the copy. Cluster-scoped objects
 * have no namespace and match on group, kind and name alone.
 */
export function isSelfReferenced(obj: KubeObject, id: TrackingId): boolean {
  const namespace = obj.metadata.namespace ?? '';
  return (
    (namespace === id.namespace || namespace === '') &&
    (obj.metadata.name ?? '') === id.name &&
    parseApiVersion(obj.apiVersion).group === id.group &&
    obj.kind === id.kind
  );
}

export interface ManagedByOptions {
  controlPlaneNamespace: string;
  installationId?: string;
}

/**
 * Whether a live object belongs to an Application under annotation tracking: its tracking id names the app's
 * instance name and describes the object itself (not a copy).
 */
export function isManagedBy(
  obj: KubeObject,
  app: { name: string; namespace: string },
  options: ManagedByOptions,
): boolean {
  const id = readTrackingId(obj, options.installationId);
  return (
    id !== undefined &&
    id.applicationName === appInstanceName(app, options.controlPlaneNamespace) &&
    isSelfReferenced(obj, id)
  );
}
