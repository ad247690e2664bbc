import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidPortName,
  isValidPortNum,
} from '../../labels/validation.ts';
import { milliQuantity } from '../../quantity.ts';
import type { FieldError } from '../field-error.ts';
import { child, duplicate, index, invalid, key, nonNegative, notSupported, required } from './field-errors.ts';
import { listAt, type Obj, objAt, strAt, stringMap } from './json.ts';
import { validateAnnotations, validateLabels } from './metadata.ts';

const protocols = ['SCTP', 'TCP', 'UDP'];

/** ValidatePodSpec (kubernetes `pkg/apis/core/validation/validation.go`), the parts a sandbox user can trip on. */
export function validatePodSpec(spec: Obj | undefined, path: string): FieldError[] {
  if (!spec) return [required(path)];
  const errs: FieldError[] = [];
  const volumes = validateVolumes(listAt(spec, 'volumes'), child(path, 'volumes'), errs);
  const names = new Set<string>();
  // Init containers first: their names must be unique across both lists.
  validateContainers(listAt(spec, 'initContainers'), child(path, 'initContainers'), names, volumes, errs);
  const containers = listAt(spec, 'containers');
  if (containers.length === 0) errs.push(required(child(path, 'containers')));
  validateContainers(containers, child(path, 'containers'), names, volumes, errs);

  const restartPolicy = strAt(spec, 'restartPolicy') ?? '';
  if (restartPolicy === '') errs.push(required(child(path, 'restartPolicy')));
  else if (!['Always', 'OnFailure', 'Never'].includes(restartPolicy)) {
    errs.push(notSupported(child(path, 'restartPolicy'), restartPolicy, ['Always', 'OnFailure', 'Never']));
  }
  const dnsPolicy = strAt(spec, 'dnsPolicy') ?? '';
  const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (dnsPolicy === '') errs.push(required(child(path, 'dnsPolicy')));
  else if (!dnsPolicies.includes(dnsPolicy)) errs.push(notSupported(child(path, 'dnsPolicy'), dnsPolicy, dnsPolicies));
  errs.push(...validateLabels(stringMap(spec['nodeSelector']), child(path, 'nodeSelector')));
  errs.push(...nonNegative(child(path, 'terminationGracePeriodSeconds'), spec['terminationGracePeriodSeconds']));
  const deadline = spec['activeDeadlineSeconds'];
  if (typeof deadline === 'number' && (deadline < 1 || deadline > 2147483647)) {
    errs.push(invalid(child(path, 'activeDeadlineSeconds'), deadline, 'must be between 1 and 2147483647, inclusive'));
  }
  const account = strAt(spec, 'serviceAccountName');
  if (account) {
    for (const msg of isDNS1123Subdomain(account)) errs.push(invalid(child(path, 'serviceAccountName'), account, msg));
  }
  const nodeName = strAt(spec, 'nodeName');
  if (nodeName)
    for (const msg of isDNS1123Subdomain(nodeName)) errs.push(invalid(child(path, 'nodeName'), nodeName, msg));
  errs.push(...validateTolerations(listAt(spec, 'tolerations'), child(path, 'tolerations')));
  return errs;
}

/** Template metadata (labels, annotations) and spec, as ValidatePodTemplateSpec checks them. */
export function validatePodTemplate(template: Obj | undefined, path: string): FieldError[] {
  if (!template) return [required(path)];
  const meta = objAt(template, 'metadata');
  return [
    ...validateLabels(stringMap(meta?.['labels']), child(path, 'metadata', 'labels')),
    ...validateAnnotations(stringMap(meta?.['annotations']), child(path, 'metadata', 'annotations')),
    ...validatePodSpec(objAt(template, 'spec'), child(path, 'spec')),
  ];
}

function validateVolumes(volumes: Obj[], path: string, errs: FieldError[]): Set<string> {
  const names = new Set<string>();
  volumes.forEach((volume, i) => {
    const name = strAt(volume, 'name') ?? '';
    const namePath = child(index(path, i), 'name');
    if (name === '') errs.push(required(namePath));
    else for (const msg of isDNS1123Label(name)) errs.push(invalid(namePath, name, msg));
    if (name && names.has(name)) errs.push(duplicate(namePath, name));
    names.add(name);
  });
  return names;
}

function validateContainers(
  containers: Obj[],
  path: string,
  names: Set<string>,
  volumes: Set<string>,
  errs: FieldError[],
): void {
  containers.forEach((container, i) => {
    const at = index(path, i);
    const name = strAt(container, 'name') ?? '';
    if (name === '') errs.push(required(child(at, 'name')));
    else for (const msg of isDNS1123Label(name)) errs.push(invalid(child(at, 'name'), name, msg));
    if (name && names.has(name)) errs.push(duplicate(child(at, 'name'), name));
    names.add(name);
    const image = strAt(container, 'image') ?? '';
    if (image === '') errs.push(required(child(at, 'image')));
    else if (image !== image.trim()) {
      errs.push(invalid(child(at, 'image'), image, 'must not have leading or trailing whitespace'));
    }
    const pullPolicy = strAt(container, 'imagePullPolicy') ?? '';
    const pullPolicies = ['Always', 'IfNotPresent', 'Never'];
    if (pullPolicy === '') errs.push(required(child(at, 'imagePullPolicy')));
    else if (!pullPolicies.includes(pullPolicy)) {
      errs.push(notSupported(child(at, 'imagePullPolicy'), pullPolicy, pullPolicies));
    }
    validatePorts(listAt(container, 'ports'), child(at, 'ports'), errs);
    listAt(container, 'env').forEach((env, j) => {
      if (!strAt(env, 'name')) errs.push(required(child(index(child(at, 'env'), j), 'name')));
    });
    listAt(container, 'volumeMounts').forEach((mount, j) => {
      const mountPath = index(child(at, 'volumeMounts'), j);
      const volume = strAt(mount, 'name') ?? '';
      if (volume === '') errs.push(required(child(mountPath, 'name')));
      else if (!volumes.has(volume)) {
        errs.push({ reason: 'FieldValueNotFound', field: child(mountPath, 'name'), message: `Not found: "${volume}"` });
      }
      if (!strAt(mount, 'mountPath')) errs.push(required(child(mountPath, 'mountPath')));
    });
    validateResources(objAt(container, 'resources'), child(at, 'resources'), errs);
  });
}

function validatePorts(ports: Obj[], path: string, errs: FieldError[]): void {
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const at = index(path, i);
    const name = strAt(port, 'name');
    if (name) {
      for (const msg of isValidPortName(name)) errs.push(invalid(child(at, 'name'), name, msg));
      if (names.has(name)) errs.push(duplicate(child(at, 'name'), name));
      names.add(name);
    }
    const containerPort = port['containerPort'];
    if (containerPort === undefined || containerPort === 0) errs.push(required(child(at, 'containerPort')));
    else
      for (const msg of isValidPortNum(Number(containerPort)))
        errs.push(invalid(child(at, 'containerPort'), containerPort, msg));
    const hostPort = port['hostPort'];
    if (hostPort !== undefined && hostPort !== 0) {
      for (const msg of isValidPortNum(Number(hostPort))) errs.push(invalid(child(at, 'hostPort'), hostPort, msg));
    }
    const protocol = strAt(port, 'protocol') ?? '';
    if (protocol === '') errs.push(required(child(at, 'protocol')));
    else if (!protocols.includes(protocol)) errs.push(notSupported(child(at, 'protocol'), protocol, protocols));
  });
}

/** Requests may not exceed limits (ValidateResourceRequirements). */
function validateResources(resources: Obj | undefined, path: string, errs: FieldError[]): void {
  const limits = objAt(resources, 'limits') ?? {};
  const requests = objAt(resources, 'requests') ?? {};
  for (const [group, list] of [['limits', limits] as const, ['requests', requests] as const]) {
    for (const [resource, value] of Object.entries(list)) {
      const amount = milliQuantity(value);
      if (amount === undefined)
        errs.push(invalid(key(child(path, group), resource), value, 'must be a valid quantity'));
      else if (amount < 0) {
        errs.push(invalid(key(child(path, group), resource), String(value), 'must be greater than or equal to 0'));
      }
    }
  }
  for (const [resource, request] of Object.entries(requests)) {
    const limit = limits[resource];
    const wanted = milliQuantity(request);
    const allowed = milliQuantity(limit);
    if (limit !== undefined && wanted !== undefined && allowed !== undefined && wanted > allowed) {
      errs.push(
        invalid(
          key(child(path, 'requests'), resource),
          String(request),
          `must be less than or equal to ${resource} limit of ${String(limit)}`,
        ),
      );
    }
  }
}

function validateTolerations(tolerations: Obj[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((toleration, i) => {
    const at = index(path, i);
    const tolerationKey = strAt(toleration, 'key') ?? '';
    const operator = strAt(toleration, 'operator') ?? '';
    if (tolerationKey)
      for (const msg of isQualifiedName(tolerationKey)) errs.push(invalid(child(at, 'key'), tolerationKey, msg));
    if (!tolerationKey && operator !== 'Exists') {
      errs.push(
        invalid(
          child(at, 'operator'),
          operator,
          'operator must be Exists when `key` is empty, which means "match all values and all keys"',
        ),
      );
    }
    if (operator === 'Exists' && strAt(toleration, 'value')) {
      errs.push(invalid(child(at, 'operator'), toleration['value'], "value must be empty when `operator` is 'Exists'"));
    } else if (operator !== '' && operator !== 'Equal' && operator !== 'Exists') {
      errs.push(notSupported(child(at, 'operator'), operator, ['Equal', 'Exists']));
    }
    const effect = strAt(toleration, 'effect') ?? '';
    const effects = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];
    if (effect && !effects.includes(effect)) errs.push(notSupported(child(at, 'effect'), effect, effects));
    if (toleration['tolerationSeconds'] !== undefined && effect !== 'NoExecute') {
      errs.push(invalid(child(at, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
  });
  return errs;
}
