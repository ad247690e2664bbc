import { isDNS1035Label, isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../../labels/validation.ts';
import type { FieldError } from '../field-error.ts';
import { child, index, invalid, notSupported, required } from './field-errors.ts';
import { listAt, type Obj, objAt, strAt } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';

const pathTypes = ['Exact', 'ImplementationSpecific', 'Prefix'];

/** networking/validation ValidateIngressSpec; Ingresses have no v1 defaults. */
export const ingressAdmission: KindAdmission = {
  validate(ingress) {
    const spec = objAt(ingress, 'spec') ?? {};
    const errs: FieldError[] = [];
    const rules = listAt(spec, 'rules');
    const fallback = objAt(spec, 'defaultBackend');
    if (fallback) errs.push(...validateBackend(fallback, 'spec.defaultBackend'));
    else if (rules.length === 0)
      errs.push(invalid('spec.rules', [], 'either `defaultBackend` or `rules` must be specified'));
    const className = strAt(spec, 'ingressClassName');
    if (className !== undefined) {
      for (const msg of isDNS1123Subdomain(className)) errs.push(invalid('spec.ingressClassName', className, msg));
    }
    rules.forEach((rule, i) => {
      const at = index('spec.rules', i);
      const host = strAt(rule, 'host');
      if (host) {
        const checked = host.startsWith('*.') ? host.slice(2) : host;
        for (const msg of isDNS1123Subdomain(checked)) errs.push(invalid(child(at, 'host'), host, msg));
      }
      const http = objAt(rule, 'http');
      if (!http) return;
      const paths = listAt(http, 'paths');
      if (paths.length === 0) errs.push(required(child(at, 'http', 'paths')));
      paths.forEach((path, j) => {
        const pathAt = index(child(at, 'http', 'paths'), j);
        const pathType = strAt(path, 'pathType') ?? '';
        const value = strAt(path, 'path') ?? '';
        if (pathType === '') errs.push(required(child(pathAt, 'pathType'), 'pathType must be specified'));
        else if (!pathTypes.includes(pathType)) errs.push(notSupported(child(pathAt, 'pathType'), pathType, pathTypes));
        else if ((pathType === 'Exact' || pathType === 'Prefix') && !value.startsWith('/')) {
          errs.push(invalid(child(pathAt, 'path'), value, 'must be an absolute path'));
        }
        errs.push(...validateBackend(objAt(path, 'backend') ?? {}, child(pathAt, 'backend')));
      });
    });
    return errs;
  },
};

function validateBackend(backend: Obj, path: string): FieldError[] {
  const service = objAt(backend, 'service');
  const resource = objAt(backend, 'resource');
  if (service && resource) return [invalid(path, '', 'cannot set both resource and service backends')];
  if (resource) return [];
  if (!service) return [invalid(path, '', 'resource or service backend is required')];
  const errs: FieldError[] = [];
  const name = strAt(service, 'name') ?? '';
  if (name === '') errs.push(required(child(path, 'service', 'name')));
  else for (const msg of isDNS1035Label(name)) errs.push(invalid(child(path, 'service', 'name'), name, msg));
  const port = objAt(service, 'port') ?? {};
  const portName = strAt(port, 'name') ?? '';
  const portNumber = typeof port['number'] === 'number' ? port['number'] : 0;
  if (portName && portNumber) errs.push(invalid(path, '', 'cannot set both port name & port number'));
  else if (portName) {
    for (const msg of isValidPortName(portName))
      errs.push(invalid(child(path, 'service', 'port', 'name'), portName, msg));
  } else if (portNumber) {
    for (const msg of isValidPortNum(portNumber))
      errs.push(invalid(child(path, 'service', 'port', 'number'), portNumber, msg));
  } else errs.push(required(path, 'port name or number is required'));
  return errs;
}
