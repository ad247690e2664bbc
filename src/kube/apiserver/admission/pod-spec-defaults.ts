import { ensure, listAt, type Obj, objAt, setDefault, setDefaultString } from './json.ts';

/**
 * The defaults every PodSpec gets, in a Pod or a workload's template (kubernetes `pkg/apis/core/v1/defaults.go`:
 * SetDefaults_PodSpec, _Container, _ContainerPort, _Probe, _HTTPGetAction, _Volume, _ObjectFieldSelector …).
 */
export function defaultPodSpec(spec: Obj): void {
  setDefaultString(spec, 'dnsPolicy', 'ClusterFirst');
  setDefaultString(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'securityContext', {});
  setDefaultString(spec, 'schedulerName', 'default-scheduler');
  for (const container of [...listAt(spec, 'initContainers'), ...listAt(spec, 'containers')]) {
    defaultContainer(container);
    // defaultHostNetworkPorts: with the host's network, a container port is a host port.
    if (spec['hostNetwork'] === true) {
      for (const port of listAt(container, 'ports')) setDefault(port, 'hostPort', port['containerPort']);
    }
  }
  for (const container of listAt(spec, 'ephemeralContainers')) defaultContainer(container);
  for (const volume of listAt(spec, 'volumes')) defaultVolume(volume);
}

function defaultContainer(container: Obj): void {
  if (!container['imagePullPolicy']) {
    container['imagePullPolicy'] = imageTag(String(container['image'] ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  }
  setDefaultString(container, 'terminationMessagePath', '/dev/termination-log');
  setDefaultString(container, 'terminationMessagePolicy', 'File');
  // Container.Resources is a struct, not a pointer: Go always serializes it.
  setDefault(container, 'resources', {});
  for (const port of listAt(container, 'ports')) setDefaultString(port, 'protocol', 'TCP');
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const value = objAt(container, probe);
    if (value) defaultProbe(value);
  }
  const lifecycle = objAt(container, 'lifecycle');
  for (const hook of ['postStart', 'preStop']) defaultHandler(objAt(lifecycle, hook));
  for (const env of listAt(container, 'env')) defaultFieldRef(objAt(objAt(env, 'valueFrom'), 'fieldRef'));
}

/**
 * The tag the kubelet would pull: `nginx` and `nginx:latest` mean latest (pull Always); a digest without a tag
 * pins the image (IfNotPresent).
 */
export function imageTag(image: string): string {
  const [name = '', digest] = image.split('@');
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) return name.slice(colon + 1);
  return digest === undefined ? 'latest' : '';
}

function defaultProbe(probe: Obj): void {
  setDefault(probe, 'timeoutSeconds', 1);
  setDefault(probe, 'periodSeconds', 10);
  setDefault(probe, 'successThreshold', 1);
  setDefault(probe, 'failureThreshold', 3);
  defaultHandler(probe);
}

function defaultHandler(handler: Obj | undefined): void {
  const httpGet = objAt(handler, 'httpGet');
  if (!httpGet) return;
  setDefaultString(httpGet, 'path', '/');
  setDefaultString(httpGet, 'scheme', 'HTTP');
}

function defaultFieldRef(fieldRef: Obj | undefined): void {
  if (fieldRef) setDefaultString(fieldRef, 'apiVersion', 'v1');
}

const volumeSources = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'downwardAPI',
  'fc',
  'azureFile',
  'configMap',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'projected',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'csi',
  'ephemeral',
  'image',
];

function defaultVolume(volume: Obj): void {
  // A volume without a source is an emptyDir.
  if (!volumeSources.some((source) => volume[source] !== undefined && volume[source] !== null)) volume['emptyDir'] = {};
  for (const source of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const value = objAt(volume, source);
    if (value) setDefault(value, 'defaultMode', 420);
  }
  const hostPath = objAt(volume, 'hostPath');
  if (hostPath) setDefault(hostPath, 'type', '');
  for (const item of listAt(objAt(volume, 'downwardAPI'), 'items')) defaultFieldRef(objAt(item, 'fieldRef'));
  for (const projection of listAt(objAt(volume, 'projected'), 'sources')) {
    for (const item of listAt(objAt(projection, 'downwardAPI'), 'items')) defaultFieldRef(objAt(item, 'fieldRef'));
    const token = objAt(projection, 'serviceAccountToken');
    if (token) setDefault(token, 'expirationSeconds', 3600);
  }
}

/** The PodTemplateSpec defaults of a workload: the template's metadata stays as given. */
export function defaultPodTemplate(template: Obj | undefined): void {
  if (template) defaultPodSpec(ensure(template, 'spec'));
}
