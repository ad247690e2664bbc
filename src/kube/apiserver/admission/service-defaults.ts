import type { KubeObject } from '../../object.ts';
import type { AdmissionContext } from './context.ts';
import { ensure, listAt, type Obj, objAt, setDefault, setDefaultString, strAt } from './json.ts';

/**
 * SetDefaults_Service (core/v1 defaults.go) plus what the service REST storage allocates: cluster IPs, IP families,
 * node ports and the health-check node port. On update, allocated values the client left out are kept
 * (patchAllocatedValues), as kubectl apply relies on.
 */
export function defaultService(svc: KubeObject, ctx: AdmissionContext): void {
  const spec = ensure(svc, 'spec');
  setDefaultString(spec, 'type', 'ClusterIP');
  setDefaultString(spec, 'sessionAffinity', 'None');
  if (spec['sessionAffinity'] === 'None') delete spec['sessionAffinityConfig'];
  if (spec['sessionAffinity'] === 'ClientIP')
    setDefault(spec, 'sessionAffinityConfig', { clientIP: { timeoutSeconds: 10800 } });
  for (const port of listAt(spec, 'ports')) {
    setDefaultString(port, 'protocol', 'TCP');
    if (port['targetPort'] === undefined || port['targetPort'] === 0 || port['targetPort'] === '') {
      port['targetPort'] = port['port'];
    }
  }
  const type = spec['type'];
  const externallyAccessible =
    type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && listAt(spec, 'externalIPs').length > 0);
  if (externallyAccessible) setDefaultString(spec, 'externalTrafficPolicy', 'Cluster');
  if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') {
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
  }
  if (type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);

  const old = ctx.operation === 'UPDATE' ? objAt(ctx.old, 'spec') : undefined;
  if (old && type !== 'ExternalName' && old['type'] !== 'ExternalName') keepAllocated(spec, old);
  if (type === 'ExternalName') return;
  allocate(spec, ctx);
  if (ctx.operation === 'CREATE') setDefault(svc, 'status', { loadBalancer: {} });
}

function keepAllocated(spec: Obj, old: Obj): void {
  if (!spec['clusterIP'] && !spec['clusterIPs']) {
    if (old['clusterIP'] !== undefined) spec['clusterIP'] = old['clusterIP'];
    if (old['clusterIPs'] !== undefined) spec['clusterIPs'] = old['clusterIPs'];
  }
  setDefault(spec, 'ipFamilies', old['ipFamilies']);
  setDefault(spec, 'ipFamilyPolicy', old['ipFamilyPolicy']);
  const oldPorts = listAt(old, 'ports');
  for (const port of listAt(spec, 'ports')) {
    if (port['nodePort']) continue;
    const match = oldPorts.find((p) => p['port'] === port['port'] && (p['protocol'] ?? 'TCP') === port['protocol']);
    if (match?.['nodePort']) port['nodePort'] = match['nodePort'];
  }
  if (!spec['healthCheckNodePort'] && old['healthCheckNodePort'])
    spec['healthCheckNodePort'] = old['healthCheckNodePort'];
}

function allocate(spec: Obj, ctx: AdmissionContext): void {
  const clusterIPs = Array.isArray(spec['clusterIPs']) ? (spec['clusterIPs'] as string[]) : [];
  const clusterIP = strAt(spec, 'clusterIP') ?? clusterIPs[0] ?? '';
  const ip = clusterIP === '' ? ctx.allocateClusterIP() : clusterIP;
  spec['clusterIP'] = ip;
  if (clusterIPs.length === 0) spec['clusterIPs'] = [ip];
  // The embedded cluster is single-stack IPv4, like a default kind cluster.
  setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
  setDefault(spec, 'ipFamilies', ['IPv4']);
  const type = spec['type'];
  const wantsNodePorts =
    type === 'NodePort' || (type === 'LoadBalancer' && spec['allocateLoadBalancerNodePorts'] !== false);
  if (wantsNodePorts) {
    for (const port of listAt(spec, 'ports')) if (!port['nodePort']) port['nodePort'] = ctx.allocateNodePort();
  }
  if (type === 'LoadBalancer' && spec['externalTrafficPolicy'] === 'Local' && !spec['healthCheckNodePort']) {
    spec['healthCheckNodePort'] = ctx.allocateNodePort();
  }
}
