import type { KubeObject } from '../../object.ts';
import type { ResourceType } from '../resources/resource-type.ts';
import type { ApiContext } from '../rest/api-context.ts';
import { age } from './human-duration.ts';
import { podColumns } from './table-pod.ts';

export interface Column {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  priority?: number;
  description?: string;
  cell(object: KubeObject, now: number): unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: printers read loosely typed objects, as the real server's printers do
type Any = Record<string, any>;

const spec = (o: KubeObject): Any => (o['spec'] ?? {}) as Any;
const status = (o: KubeObject): Any => (o['status'] ?? {}) as Any;

export const nameColumn: Column = {
  name: 'Name',
  type: 'string',
  format: 'name',
  description: 'Name must be unique within a namespace.',
  cell: (o) => o.metadata.name,
};
export const ageColumn: Column = {
  name: 'Age',
  type: 'string',
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
  cell: (o, now) => age(o.metadata.creationTimestamp, now),
};

const str = (name: string, cell: Column['cell'], priority = 0): Column => ({ name, type: 'string', priority, cell });
const int = (name: string, cell: Column['cell'], priority = 0): Column => ({ name, type: 'integer', priority, cell });

const containers = (o: KubeObject) => (spec(o).template?.spec?.containers ?? []) as Any[];
const workloadWide = [
  str(
    'Containers',
    (o) =>
      containers(o)
        .map((c) => c.name)
        .join(','),
    1,
  ),
  str(
    'Images',
    (o) =>
      containers(o)
        .map((c) => c.image)
        .join(','),
    1,
  ),
  str('Selector', (o) => selectorText(spec(o).selector), 1),
];

function selectorText(selector: Any | undefined): string {
  if (!selector) return '<none>';
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  return parts.join(',') || '<none>';
}

function servicePorts(o: KubeObject): string {
  const ports = (spec(o).ports ?? []) as Any[];
  if (ports.length === 0) return '<none>';
  return ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function nodeStatus(o: KubeObject): string {
  const ready = ((status(o).conditions ?? []) as Any[]).find((c) => c.type === 'Ready');
  const text = ready?.status === 'True' ? 'Ready' : 'NotReady';
  return spec(o).unschedulable ? `${text},SchedulingDisabled` : text;
}

function nodeRoles(o: KubeObject): string {
  const roles = Object.keys(o.metadata.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length));
  return roles.join(',') || '<none>';
}

const BUILTIN: Record<string, Column[]> = {
  '/Pod': podColumns,
  'apps/Deployment': [
    str('Ready', (o) => `${status(o).readyReplicas ?? 0}/${spec(o).replicas ?? 0}`),
    int('Up-to-date', (o) => status(o).updatedReplicas ?? 0),
    int('Available', (o) => status(o).availableReplicas ?? 0),
    ...workloadWide,
  ],
  'apps/ReplicaSet': [
    int('Desired', (o) => spec(o).replicas ?? 0),
    int('Current', (o) => status(o).replicas ?? 0),
    int('Ready', (o) => status(o).readyReplicas ?? 0),
    ...workloadWide,
  ],
  'apps/StatefulSet': [
    str('Ready', (o) => `${status(o).readyReplicas ?? 0}/${spec(o).replicas ?? 0}`),
    ...workloadWide.slice(0, 2),
  ],
  'apps/DaemonSet': [
    int('Desired', (o) => status(o).desiredNumberScheduled ?? 0),
    int('Current', (o) => status(o).currentNumberScheduled ?? 0),
    int('Ready', (o) => status(o).numberReady ?? 0),
    int('Up-to-date', (o) => status(o).updatedNumberScheduled ?? 0),
    int('Available', (o) => status(o).numberAvailable ?? 0),
    str('Node Selector', (o) => selectorText({ matchLabels: spec(o).template?.spec?.nodeSelector })),
    ...workloadWide,
  ],
  '/Service': [
    str('Type', (o) => spec(o).type ?? 'ClusterIP'),
    str('Cluster-IP', (o) => spec(o).clusterIP ?? '<none>'),
    str(
      'External-IP',
      (o) =>
        ((status(o).loadBalancer?.ingress ?? []) as Any[]).map((i) => i.ip ?? i.hostname).join(',') ||
        (spec(o).type === 'LoadBalancer' ? '<pending>' : '<none>'),
    ),
    str('Port(s)', servicePorts),
    str('Selector', (o) => selectorText({ matchLabels: spec(o).selector }), 1),
  ],
  '/Node': [
    str('Status', nodeStatus),
    str('Roles', nodeRoles),
    str('Version', (o) => status(o).nodeInfo?.kubeletVersion ?? ''),
    str(
      'Internal-IP',
      (o) => ((status(o).addresses ?? []) as Any[]).find((a) => a.type === 'InternalIP')?.address ?? '<none>',
      1,
    ),
    str('OS-Image', (o) => status(o).nodeInfo?.osImage ?? '', 1),
    str('Container-Runtime', (o) => status(o).nodeInfo?.containerRuntimeVersion ?? '', 1),
  ],
  '/Namespace': [str('Status', (o) => status(o).phase ?? '')],
  '/ConfigMap': [
    int(
      'Data',
      (o) => Object.keys((o['data'] as Any) ?? {}).length + Object.keys((o['binaryData'] as Any) ?? {}).length,
    ),
  ],
  '/Secret': [
    str('Type', (o) => (o['type'] as string) ?? 'Opaque'),
    int('Data', (o) => Object.keys((o['data'] as Any) ?? {}).length),
  ],
  '/ServiceAccount': [],
  'batch/Job': [
    str('Status', (o) => jobStatus(o)),
    str('Completions', (o) => `${status(o).succeeded ?? 0}/${spec(o).completions ?? 1}`),
    str('Duration', (o, now) =>
      status(o).startTime
        ? age(status(o).startTime, status(o).completionTime ? Date.parse(status(o).completionTime) : now)
        : '',
    ),
  ],
  'batch/CronJob': [
    str('Schedule', (o) => spec(o).schedule ?? ''),
    str('Suspend', (o) => String(spec(o).suspend ?? false)),
    int('Active', (o) => (status(o).active ?? []).length),
    str('Last Schedule', (o, now) => (status(o).lastScheduleTime ? age(status(o).lastScheduleTime, now) : '<none>')),
  ],
  '/Endpoints': [
    str('Endpoints', (o) => {
      const subsets = ((o['subsets'] as Any[]) ?? []).flatMap((s) =>
        (s.addresses ?? []).flatMap((a: Any) =>
          (s.ports ?? [{}]).map((p: Any) => (p.port ? `${a.ip}:${p.port}` : a.ip)),
        ),
      );
      return subsets.join(',') || '<none>';
    }),
  ],
  'discovery.k8s.io/EndpointSlice': [
    str('AddressType', (o) => (o['addressType'] as string) ?? ''),
    str('Ports', (o) => ((o['ports'] as Any[]) ?? []).map((p) => p.port).join(',') || '<unset>'),
    str('Endpoints', (o) => ((o['endpoints'] as Any[]) ?? []).flatMap((e) => e.addresses ?? []).join(',') || '<unset>'),
  ],
  'coordination.k8s.io/Lease': [str('Holder', (o) => spec(o).holderIdentity ?? '')],
  'networking.k8s.io/Ingress': [
    str('Class', (o) => spec(o).ingressClassName ?? '<none>'),
    str('Hosts', (o) => ((spec(o).rules ?? []) as Any[]).map((r) => r.host ?? '*').join(',') || '*'),
    str('Address', (o) => ((status(o).loadBalancer?.ingress ?? []) as Any[]).map((i) => i.ip ?? i.hostname).join(',')),
    str('Ports', (o) => ((spec(o).tls ?? []).length > 0 ? '80, 443' : '80')),
  ],
  '/PersistentVolumeClaim': [
    str('Status', (o) => status(o).phase ?? ''),
    str('Volume', (o) => spec(o).volumeName ?? ''),
    str('Capacity', (o) => status(o).capacity?.storage ?? ''),
    str('Access Modes', (o) =>
      ((status(o).accessModes ?? []) as string[])
        .map(
          (m) =>
            ({ ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' })[m] ?? m,
        )
        .join(','),
    ),
    str('StorageClass', (o) => spec(o).storageClassName ?? '<unset>'),
  ],
};

function jobStatus(o: KubeObject): string {
  const conditions = (status(o).conditions ?? []) as Any[];
  const trueType = (t: string) => conditions.some((c) => c.type === t && c.status === 'True');
  if (trueType('Complete')) return 'Complete';
  if (trueType('Failed')) return 'Failed';
  if (trueType('Suspended')) return 'Suspended';
  return 'Running';
}

const EVENT_COLUMNS: Column[] = [
  str('Last Seen', (o, now) =>
    age((o['lastTimestamp'] as string) ?? (o['eventTime'] as string) ?? o.metadata.creationTimestamp, now),
  ),
  str('Type', (o) => (o['type'] as string) ?? ''),
  str('Reason', (o) => (o['reason'] as string) ?? ''),
  str('Object', (o) => {
    const ref = (o['involvedObject'] ?? o['regarding'] ?? {}) as Any;
    return `${String(ref.kind ?? '').toLowerCase()}/${ref.name ?? ''}`;
  }),
  str('Message', (o) => ((o['message'] ?? o['note']) as string) ?? ''),
];

/** Columns for a kind: the built-in printer, a CRD's printer columns, or Name and Age. */
export function columnsFor(ctx: ApiContext, type: ResourceType): Column[] {
  if (type.kind === 'Event') return EVENT_COLUMNS;
  if (type.crd) return [nameColumn, ...crdColumns(ctx, type), ageColumn];
  if (type.group === 'apiextensions.k8s.io' && type.kind === 'CustomResourceDefinition') {
    return [nameColumn, str('Created At', (o) => o.metadata.creationTimestamp ?? '')];
  }
  const columns = BUILTIN[`${type.group}/${type.kind}`] ?? [];
  const [normal, wide] = [columns.filter((c) => !c.priority), columns.filter((c) => c.priority)];
  return [nameColumn, ...normal, ageColumn, ...wide];
}

/** additionalPrinterColumns of the CRD version being served; `jsonPath` in the simple `.a.b[0].c` form. */
function crdColumns(ctx: ApiContext, type: ResourceType): Column[] {
  const crd = ctx.store.get('apiextensions.k8s.io/customresourcedefinitions', undefined, type.crd!.name);
  const version = ((spec(crd ?? ({} as KubeObject)).versions ?? []) as Any[]).find((v) => v.name === type.version);
  return ((version?.additionalPrinterColumns ?? []) as Any[])
    .filter((c) => c.jsonPath !== '.metadata.creationTimestamp')
    .map((c) => ({
      name: c.name,
      type: c.type === 'date' ? 'string' : c.type,
      priority: c.priority ?? 0,
      description: c.description ?? '',
      cell: (o: KubeObject, now: number) => {
        const value = readJsonPath(o, c.jsonPath);
        if (c.type === 'date' && typeof value === 'string') return age(value, now);
        return value ?? (c.type === 'string' ? '' : null);
      },
    }));
}

export function readJsonPath(object: unknown, path: string): unknown {
  const segments = path
    .replace(/^\{?\.?/, '')
    .replace(/\}$/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== '');
  let value: unknown = object;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}
