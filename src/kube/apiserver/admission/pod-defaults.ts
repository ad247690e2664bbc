import type { KubeObject } from '../../object.ts';
import type { AdmissionContext } from './context.ts';
import { ensure, listAt, type Obj, objAt, setDefault, setDefaultString } from './json.ts';
import { defaultPodSpec } from './pod-spec-defaults.ts';
import { podQOSClass } from './qos.ts';

const tokenMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Priorities of the built-in PriorityClasses (kubernetes `pkg/apis/scheduling`); others are not looked up. */
const systemPriorities: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/**
 * A Pod as a real API server stores it: PodSpec defaults, SetDefaults_Pod, then on create the admission plugins
 * (ServiceAccount, Priority; DefaultTolerationSeconds also on update) and the strategy's PrepareForCreate (status
 * reset to Pending with the QoS class).
 */
export function defaultPod(pod: KubeObject, ctx: AdmissionContext): void {
  const spec = ensure(pod, 'spec');
  defaultPodSpec(spec);
  // SetDefaults_Pod: limits without requests make the requests.
  for (const container of [...listAt(spec, 'initContainers'), ...listAt(spec, 'containers')]) {
    const resources = objAt(container, 'resources');
    const limits = objAt(resources, 'limits');
    if (!resources || !limits) continue;
    const requests = ensure(resources, 'requests');
    for (const [name, value] of Object.entries(limits)) setDefault(requests, name, value);
  }
  setDefault(spec, 'enableServiceLinks', true);
  // DefaultTolerationSeconds admits updates too, so a PUT without the tolerations does not drop them.
  admitDefaultTolerationSeconds(spec);
  if (ctx.operation !== 'CREATE') return;
  admitServiceAccount(spec, ctx);
  admitPriority(spec);
  pod['status'] = { phase: 'Pending', qosClass: podQOSClass(spec) };
}

/**
 * ServiceAccount admission (plugin/pkg/admission/serviceaccount): the `default` account and, unless automount is
 * off, the projected API-access volume mounted into every container. The account's existence is not checked.
 */
function admitServiceAccount(spec: Obj, ctx: AdmissionContext): void {
  setDefaultString(spec, 'serviceAccountName', String(spec['serviceAccount'] || 'default'));
  // The v1 conversion writes the deprecated alias back.
  spec['serviceAccount'] = spec['serviceAccountName'];
  if (spec['automountServiceAccountToken'] === false) return;
  const containers = [...listAt(spec, 'initContainers'), ...listAt(spec, 'containers')];
  const mounted = (container: Obj) => listAt(container, 'volumeMounts').some((m) => m['mountPath'] === tokenMountPath);
  if (containers.every(mounted)) return;
  const name = `kube-api-access-${ctx.random.suffix(5)}`;
  const volumes = Array.isArray(spec['volumes']) ? (spec['volumes'] as unknown[]) : [];
  volumes.push({
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
    },
  });
  spec['volumes'] = volumes;
  for (const container of containers) {
    if (mounted(container)) continue;
    const mounts = Array.isArray(container['volumeMounts']) ? (container['volumeMounts'] as unknown[]) : [];
    mounts.push({ name, readOnly: true, mountPath: tokenMountPath });
    container['volumeMounts'] = mounts;
  }
}

/** Priority admission: no class means priority 0; preemption defaults to PreemptLowerPriority. */
function admitPriority(spec: Obj): void {
  const className = typeof spec['priorityClassName'] === 'string' ? spec['priorityClassName'] : '';
  if (!className) setDefault(spec, 'priority', 0);
  else if (systemPriorities[className] !== undefined) setDefault(spec, 'priority', systemPriorities[className]);
  setDefaultString(spec, 'preemptionPolicy', 'PreemptLowerPriority');
}

/**
 * DefaultTolerationSeconds admission: tolerate not-ready and unreachable NoExecute taints for 300 s unless the pod
 * already tolerates them (kube-apiserver --default-not-ready-toleration-seconds / --default-unreachable-…).
 */
function admitDefaultTolerationSeconds(spec: Obj): void {
  const tolerations = listAt(spec, 'tolerations');
  const tolerates = (key: string) =>
    tolerations.some((t) => {
      const effect = t['effect'] ?? '';
      const matchesKey = t['key'] === key || !t['key'];
      return matchesKey && (effect === 'NoExecute' || effect === '');
    });
  const added: Obj[] = [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(key)) added.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  if (added.length > 0)
    spec['tolerations'] = [...(Array.isArray(spec['tolerations']) ? spec['tolerations'] : []), ...added];
}
