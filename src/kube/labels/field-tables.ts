import { isPlainObject, type KubeObject } from '../object.ts';

/** Reads one selectable field as the string the API server compares; undefined compares as "". */
export type FieldGetter = (obj: KubeObject) => string | undefined;

/** The fields a kind can be selected by, and the message for any other (apiserver field label conversion). */
export interface FieldTable {
  fields: Record<string, FieldGetter>;
  reject(field: string): string;
}

/** Reads a dotted path of plain objects: at(obj, 'spec', 'nodeName'). */
export function at(obj: unknown, ...path: string[]): unknown {
  let current = obj;
  for (const key of path) current = isPlainObject(current) ? current[key] : undefined;
  return current;
}

const text =
  (...path: string[]): FieldGetter =>
  (obj) => {
    const value = at(obj, ...path);
    return typeof value === 'string' ? value : undefined;
  };
/** Go prints an int32 status counter with strconv.Itoa, so an unset one is "0". */
const count =
  (...path: string[]): FieldGetter =>
  (obj) => {
    const value = at(obj, ...path);
    return String(typeof value === 'number' ? value : 0);
  };

const name = text('metadata', 'name');
const namespace = text('metadata', 'namespace');
const meta = { 'metadata.name': name, 'metadata.namespace': namespace };
const notSupported = (field: string) => `field label not supported: ${field}`;

/** Kinds without their own conversion func use runtime.DefaultMetaV1FieldSelectorConversion. */
export const defaultFieldTable: FieldTable = {
  fields: meta,
  reject: (field) => `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`,
};

/** core/v1 Event, reading either the core names or events.k8s.io's renamed fields. */
function eventFields(regarding: string): Record<string, FieldGetter> {
  const source: FieldGetter = (obj) =>
    text('source', 'component')(obj) || text('deprecatedSource', 'component')(obj) || text('reportingController')(obj);
  return {
    ...meta,
    'involvedObject.kind': text(regarding, 'kind'),
    'involvedObject.namespace': text(regarding, 'namespace'),
    'involvedObject.name': text(regarding, 'name'),
    'involvedObject.uid': text(regarding, 'uid'),
    'involvedObject.apiVersion': text(regarding, 'apiVersion'),
    'involvedObject.resourceVersion': text(regarding, 'resourceVersion'),
    'involvedObject.fieldPath': text(regarding, 'fieldPath'),
    reason: text('reason'),
    reportingComponent: text('reportingController'),
    source,
    type: text('type'),
  };
}

// Tables from kubernetes pkg/apis/{core,apps,batch}/v1/conversion.go (AddFieldLabelConversionFunc) and the
// registries' *ToSelectableFields.
const tables: Record<string, Record<string, FieldGetter>> = {
  '/Pod': {
    ...meta,
    'spec.nodeName': text('spec', 'nodeName'),
    // Old v1 clients send spec.host; the server maps it to spec.nodeName.
    'spec.host': text('spec', 'nodeName'),
    'spec.restartPolicy': text('spec', 'restartPolicy'),
    'spec.schedulerName': text('spec', 'schedulerName'),
    'spec.serviceAccountName': text('spec', 'serviceAccountName'),
    'spec.hostNetwork': (obj) => String(at(obj, 'spec', 'hostNetwork') === true),
    'status.phase': text('status', 'phase'),
    'status.podIP': text('status', 'podIP'),
    'status.nominatedNodeName': text('status', 'nominatedNodeName'),
  },
  // Nodes and Namespaces are cluster-scoped and reject metadata.namespace.
  '/Node': { 'metadata.name': name, 'spec.unschedulable': (obj) => String(at(obj, 'spec', 'unschedulable') === true) },
  '/Namespace': { 'metadata.name': name, 'status.phase': text('status', 'phase') },
  '/Secret': { ...meta, type: text('type') },
  '/Event': eventFields('involvedObject'),
  'events.k8s.io/Event': eventFields('regarding'),
  '/ReplicationController': { ...meta, 'status.replicas': count('status', 'replicas') },
  'apps/ReplicaSet': { ...meta, 'status.replicas': count('status', 'replicas') },
  'batch/Job': { ...meta, 'status.successful': count('status', 'succeeded') },
  'certificates.k8s.io/CertificateSigningRequest': { ...meta, 'spec.signerName': text('spec', 'signerName') },
};

/** The field table of a built-in kind; any other kind gets metadata.name and metadata.namespace only. */
export function fieldTableFor(kind: { group: string; kind: string }): FieldTable {
  const fields = tables[`${kind.group}/${kind.kind}`];
  return fields ? { fields, reject: notSupported } : defaultFieldTable;
}
