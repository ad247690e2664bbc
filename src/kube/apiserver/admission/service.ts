import { isDNS1123Label, isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../../labels/validation.ts';
import type { FieldError } from '../field-error.ts';
import { child, duplicate, forbidden, index, invalid, notSupported, required } from './field-errors.ts';
import { listAt, type Obj, objAt, strAt, stringMap } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';
import { validateLabels } from './metadata.ts';
import { dns1035LabelName } from './names.ts';
import { defaultService } from './service-defaults.ts';

const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

/** Services: names are DNS-1035 labels in v1.32 (ValidateServiceName); ValidateService / ValidateServiceUpdate. */
export const serviceAdmission: KindAdmission = {
  nameRule: dns1035LabelName,
  default: defaultService,
  validate(svc, ctx) {
    const spec = objAt(svc, 'spec') ?? {};
    const errs: FieldError[] = [];
    const type = strAt(spec, 'type') ?? '';
    if (type === '') errs.push(required('spec.type'));
    else if (!types.includes(type)) errs.push(notSupported('spec.type', type, types));
    const headless = spec['clusterIP'] === 'None';
    const ports = listAt(spec, 'ports');
    if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports'));
    if (type === 'ExternalName') {
      const name = strAt(spec, 'externalName') ?? '';
      if (name === '') errs.push(required('spec.externalName'));
      else
        for (const msg of isDNS1123Subdomain(name.replace(/\.$/, '')))
          errs.push(invalid('spec.externalName', name, msg));
    }
    errs.push(...validatePorts(ports, type));
    const affinity = strAt(spec, 'sessionAffinity') ?? '';
    if (affinity === '') errs.push(required('spec.sessionAffinity'));
    else if (affinity !== 'ClientIP' && affinity !== 'None') {
      errs.push(notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
    }
    errs.push(...validateLabels(stringMap(spec['selector']), 'spec.selector'));
    const internal = spec['internalTrafficPolicy'];
    if (internal !== undefined && internal !== 'Cluster' && internal !== 'Local') {
      errs.push(notSupported('spec.internalTrafficPolicy', internal, ['Cluster', 'Local']));
    }
    const external = strAt(spec, 'externalTrafficPolicy');
    if (external && external !== 'Cluster' && external !== 'Local') {
      errs.push(notSupported('spec.externalTrafficPolicy', external, ['Cluster', 'Local']));
    }
    const old = objAt(ctx.old, 'spec');
    if (ctx.operation === 'UPDATE' && old) errs.push(...validateClusterIPsUpdate(spec, old));
    return errs;
  },
};

function validatePorts(ports: Obj[], type: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = index('spec.ports', i);
    const name = strAt(port, 'name') ?? '';
    if (ports.length > 1 && name === '') errs.push(required(child(at, 'name')));
    else if (name !== '') {
      for (const msg of isDNS1123Label(name)) errs.push(invalid(child(at, 'name'), name, msg));
      if (names.has(name)) errs.push(duplicate(child(at, 'name'), name));
      names.add(name);
    }
    for (const msg of isValidPortNum(Number(port['port'])))
      errs.push(invalid(child(at, 'port'), port['port'] ?? 0, msg));
    const protocol = strAt(port, 'protocol') ?? '';
    if (protocol === '') errs.push(required(child(at, 'protocol')));
    else if (!['SCTP', 'TCP', 'UDP'].includes(protocol)) {
      errs.push(notSupported(child(at, 'protocol'), protocol, ['SCTP', 'TCP', 'UDP']));
    }
    const target = port['targetPort'];
    if (typeof target === 'number') {
      for (const msg of isValidPortNum(target)) errs.push(invalid(child(at, 'targetPort'), target, msg));
    } else if (typeof target === 'string') {
      for (const msg of isValidPortName(target)) errs.push(invalid(child(at, 'targetPort'), target, msg));
    }
    if (type === 'ClusterIP' && port['nodePort']) {
      errs.push(forbidden(child(at, 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    }
  });
  return errs;
}

/** Cluster IPs cannot change once set, except when moving to or from ExternalName. */
function validateClusterIPsUpdate(spec: Obj, old: Obj): FieldError[] {
  if (spec['type'] === 'ExternalName' || old['type'] === 'ExternalName') return [];
  const now = Array.isArray(spec['clusterIPs']) ? (spec['clusterIPs'] as string[]) : [];
  const before = Array.isArray(old['clusterIPs']) ? (old['clusterIPs'] as string[]) : [];
  const errs: FieldError[] = [];
  before.forEach((ip, i) => {
    if (i < now.length && now[i] !== ip) errs.push(invalid(`spec.clusterIPs[${i}]`, now, 'may not change once set'));
  });
  return errs;
}
